import { existsSync } from 'node:fs';
import { buildRenderer } from '../support/renderer-build.js';

/** Builds the renderer once, so `serve` has a UI to serve, and checks the browser is there. */
export default function globalSetup(): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(
      `${chromium} is missing: install Debian's chromium (apt-get install --no-install-recommends chromium)`,
    );
  }
  buildRenderer();
}
