import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const LAUNCH = join(import.meta.dirname, '..', '..', 'electron', 'launch.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'cockpit-launch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `node electron/launch.mjs --check` with Electron's dist folder pointed at `distDir` (no download). */
function check(distDir: string) {
  const result = spawnSync(process.execPath, [LAUNCH, '--check'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distDir },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm start (electron/launch.mjs)', () => {
  it('says in one sentence what to do when Electron’s binary is missing, and exits 1', () => {
    const empty = mkdtempSync(join(scratch, 'empty-'));
    const result = check(empty);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Electron's binary is not installed: .*cannot reach GitHub\. Either set ELECTRON_MIRROR .* or unzip electron-v45\.4\.1-.*ELECTRON_OVERRIDE_DIST_PATH=.* or use `npm run serve`/,
    );
  });

  it('finds the binary where the electron package would', () => {
    const dist = mkdtempSync(join(scratch, 'dist-'));
    const binary = join(dist, 'electron');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    const result = check(dist);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`Electron's binary: ${binary}`);
  });
});
