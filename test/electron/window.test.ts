import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { fakeEvent, FakeBrowserWindow } from './fake-electron.js';
import type { FakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const electron = (await import('electron')) as unknown as FakeElectron;
const { createMainWindow } = await import('../../electron/window.js');

function openWindow(overrides: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
  createMainWindow({
    preloadPath: '/app/out/preload/preload.cjs',
    backgroundColor: '#0b0e14',
    logger: silentLogger,
    onStateChange: () => undefined,
    ...overrides,
  });
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('createMainWindow made no BrowserWindow');
  return window;
}

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0;
  electron.shell.openExternal.mockClear();
});

describe('the main window', () => {
  it('is created with exactly the hardened webPreferences', () => {
    const window = openWindow();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(window.options.show).toBe(false);
  });

  it('loads the built renderer from the app:// origin, not file://', () => {
    const window = openWindow();
    expect(window.loadURL).toHaveBeenCalledWith('app://cockpit/index.html');
  });

  it('prevents navigation to any other origin and allows the app’s own pages', () => {
    const contents = openWindow().webContents;
    const navigate = (url: string, event = 'will-navigate') => {
      const details = fakeEvent({ url });
      contents.emit(event, details, url);
      return details.defaultPrevented;
    };
    for (const url of [
      'https://evil.example/',
      'app://cockpit.evil.example/index.html',
      'app://evil/index.html',
      'app://cockpit@evil/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(navigate(url), url).toBe(true);
    }
    expect(navigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(navigate('app://cockpit/index.html?view=alerts&alert=am%3A1')).toBe(false);
  });

  it('cancels webview attachment', () => {
    const contents = openWindow().webContents;
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every new window and hands only http(s) URLs to the system browser', () => {
    const handler = openWindow().webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler was set');
    const urls = [
      'https://runbooks.example.com/db/failover',
      'http://grafana.internal:3000/d/abc?orgId=1',
      'javascript:alert(document.domain)',
      'javascript:alert(1)//https://runbooks.example.com',
      'file:///etc/passwd',
      'file:///C:/Windows/System32/calc.exe?https://x',
      'ms-settings:privacy',
      'smb://fileserver/share',
      'vscode://file/etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'app://cockpit/index.html',
      'https://runbooks.example.com@evil.example/',
      'https://:secret@evil.example/',
      'httpsx://evil.example/',
      '\u0000javascript:alert(1)',
      '',
    ];
    for (const url of urls) expect(handler({ url }), url).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://runbooks.example.com/db/failover',
      'http://grafana.internal:3000/d/abc?orgId=1',
    ]);
  });

  it('denies every permission except notifications and fullscreen, and those only to the app', () => {
    const session = openWindow().webContents.session;
    const request = (permission: string, requestingUrl = 'app://cockpit/index.html') => {
      let granted: boolean | undefined;
      session.permissionRequestHandler?.(
        {},
        permission,
        (answer) => {
          granted = answer;
        },
        { requestingUrl, isMainFrame: true },
      );
      return granted;
    };
    expect(request('notifications')).toBe(true);
    expect(request('fullscreen')).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'midiSysex', 'hid']) {
      expect(request(permission), permission).toBe(false);
    }
    expect(request('notifications', 'https://evil.example/')).toBe(false);

    const check = (permission: string, origin: string) =>
      session.permissionCheckHandler?.({}, permission, origin, { isMainFrame: true });
    expect(check('notifications', 'app://cockpit')).toBe(true);
    expect(check('media', 'app://cockpit')).toBe(false);
    expect(check('notifications', 'https://evil.example')).toBe(false);
  });

  it('moves a window saved on an unplugged screen back onto a visible one', () => {
    const offScreen = openWindow({
      saved: { x: 5000, y: 200, width: 1200, height: 800, maximized: false, fullScreen: false },
    });
    expect(offScreen.options).not.toHaveProperty('x');
    expect(offScreen.options).toMatchObject({ width: 1200, height: 800 });

    const onScreen = openWindow({
      saved: { x: 100, y: 50, width: 1200, height: 800, maximized: false, fullScreen: false },
    });
    expect(onScreen.options).toMatchObject({ x: 100, y: 50 });
  });

  it('reports its bounds when it closes, so the next start reopens it there', () => {
    const onStateChange = vi.fn();
    const window = openWindow({ onStateChange });
    window.bounds = { x: 10, y: 20, width: 1000, height: 700 };
    window.emit('close', fakeEvent());
    expect(onStateChange).toHaveBeenCalledWith({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
      fullScreen: false,
    });
  });
});
