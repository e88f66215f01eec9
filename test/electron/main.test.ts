import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { METHODS, methodNames } from '../../src/api/methods.js';
import { FakeBrowserWindow, FakeTray, fakeEvent } from './fake-electron.js';
import type { FakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const electron = (await import('electron')) as unknown as FakeElectron;
const userData = mkdtempSync(join(tmpdir(), 'cockpit-main-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

/**
 * The composition root against the real core: the built-in demo estate on loopback and a real
 * SQLite cache (Node's better-sqlite3 build), with only Electron faked.
 */
describe('electron/main.ts', () => {
  it('starts the core, one hardened window, IPC, tray and change forwarding, and stops them on quit', async () => {
    electron.app.getPath.mockReturnValue(userData);
    const argv = process.argv;
    const configEnv = process.env.COCKPIT_CONFIG;
    process.argv = ['/usr/lib/electron/electron', '/app']; // no --config: the demo estate
    delete process.env.COCKPIT_CONFIG;
    process.env.COCKPIT_LOG_LEVEL = 'error';
    try {
      await import('../../electron/main.js');
    } finally {
      process.argv = argv;
      if (configEnv !== undefined) process.env.COCKPIT_CONFIG = configEnv;
      delete process.env.COCKPIT_LOG_LEVEL;
    }
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ]);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();

    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 10_000 });
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[\\/]preload\.cjs$/,
    );
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      methodNames(METHODS)
        .map((method) => `cockpit:${method}`)
        .sort(),
    );
    // The window opens while the core starts; the tray follows once the core is ready.
    await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1), { timeout: 10_000 });
    expect(existsSync(join(userData, 'cache.db'))).toBe(true);

    // The first demo poll flows through core → api → IPC to the window.
    await vi.waitFor(
      () => expect(window.webContents.send).toHaveBeenCalledWith('cockpit:change', expect.anything()),
      { timeout: 20_000 },
    );

    // A second launch focuses this one.
    electron.app.events.emit('second-instance', fakeEvent(), [], '/');
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();

    // With a tray, closing the window hides it instead of quitting.
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(window.hide).toHaveBeenCalled();

    const quit = fakeEvent();
    electron.app.events.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  }, 40_000);
});
