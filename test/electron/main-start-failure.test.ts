import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeTray } from './fake-electron.js';
import type { FakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const electron = (await import('electron')) as unknown as FakeElectron;
const userData = mkdtempSync(join(tmpdir(), 'cockpit-main-fail-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

describe('electron/main.ts when the core cannot start', () => {
  it('shows the reason in an error box and exits 1, although the window was already open', async () => {
    // A cache written by a newer version is refused, so the core fails to start.
    const db = new Database(join(userData, 'cache.db'));
    db.pragma('user_version = 999');
    db.close();
    electron.app.getPath.mockReturnValue(userData);
    const argv = process.argv;
    process.argv = ['/usr/lib/electron/electron', '/app'];
    process.env.COCKPIT_LOG_LEVEL = 'error';
    try {
      await import('../../electron/main.js');
    } finally {
      process.argv = argv;
      delete process.env.COCKPIT_LOG_LEVEL;
    }

    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1), { timeout: 10_000 });
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.any(String),
      expect.stringContaining('was written by a newer On-Call Cockpit (schema 999'),
    );
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeTray.instances).toHaveLength(0);
  }, 40_000);
});
