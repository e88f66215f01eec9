import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * Builds the desktop host: main (ESM, out/main/main.js, package.json "main") and the preload (CJS,
 * out/preload/preload.cjs: a sandboxed preload cannot be an ES module, and may require only
 * `electron`, so everything it imports is bundled). The renderer is not built here: its own
 * `vite build --config renderer/vite.config.ts` writes out/renderer, which main serves over app://.
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The core worker is its own entry: src/worker/remote-core.ts starts ./core-worker.js next to main.js.
      lib: {
        entry: {
          main: resolve(root, 'electron/main.ts'),
          'core-worker': resolve(root, 'src/worker/core-worker.ts'),
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      // Dependencies (better-sqlite3, electron-store, zod, yaml) stay in node_modules; src/ is bundled.
      externalizeDeps: true,
      sourcemap: true,
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'electron/preload.ts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      externalizeDeps: false,
      sourcemap: true,
    },
  },
});
