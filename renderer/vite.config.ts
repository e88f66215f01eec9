import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/**
 * The dev server injects an inline React Refresh preamble and <style> tags, which the strict CSP in
 * index.html forbids. Drop the CSP meta only when serving for development; builds keep it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'cockpit-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the same build loads from the headless host at / and from Electron's file or app protocol.
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Chromium 130+ (Electron 45, current wall-display browsers).
    target: 'es2023',
    sourcemap: true,
    // The lazily loaded chart chunk (ECharts core + line chart + canvas) is ~510 kB minified by itself.
    chunkSizeWarningLimit: 600,
  },
});
