// Bundles the headless host (`serve`) and its core worker into out/serve with esbuild, the way the
// desktop build bundles them for Electron: started from JavaScript, the host is listening in about
// half the time tsx needs to compile the TypeScript on start. Dependencies stay in node_modules.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', 'core-worker': 'src/worker/core-worker.ts' },
  outdir: 'out/serve',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
