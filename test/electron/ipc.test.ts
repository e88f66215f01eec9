import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { METHODS, methodNames } from '../../src/api/methods.js';
import type { Overview } from '../../src/api/contract.js';
import { silentLogger } from '../../src/logger.js';
import { createFakeApi, makeSilence } from './fake-api.js';
import { FakeBrowserWindow } from './fake-electron.js';
import type { FakeElectron, FakeFrame } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const electron = (await import('electron')) as unknown as FakeElectron;
const { forwardChanges, registerIpcHandlers } = await import('../../electron/ipc.js');
const API_METHODS = methodNames(METHODS);

const OVERVIEW = { firing: { critical: 2, high: 1, warning: 0, info: 0 }, version: 3 } as unknown as Overview;

function setup() {
  const fake = createFakeApi();
  const window = new FakeBrowserWindow({ width: 800, height: 600 });
  const registration = registerIpcHandlers({
    api: fake.dispatcher,
    getWindow: () => window as unknown as BrowserWindow,
    logger: silentLogger,
  });
  const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  async function call(method: string, event: object, input?: unknown): Promise<unknown> {
    const handler = electron.ipcMain.handlers.get(`cockpit:${method}`);
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler(event, input);
  }
  return { ...fake, window, registration, trusted, call };
}

beforeEach(() => {
  electron.ipcMain.handlers.clear();
});

function errorMessage(answer: unknown): string {
  const { error } = answer as { error: { message: string } };
  return error.message;
}

describe('IPC handlers', () => {
  it('bridge exactly the api methods of the table', () => {
    const { registration } = setup();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      API_METHODS.map((m) => `cockpit:${m}`).sort(),
    );
    registration.dispose();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('answer a trusted query with { ok: true, value } from the api', async () => {
    const { api, trusted, call } = setup();
    api.getOverview.mockResolvedValue(OVERVIEW);
    expect(await call('getOverview', trusted)).toEqual({ ok: true, value: OVERVIEW });

    api.listAlerts.mockResolvedValue({ total: 0, items: [] });
    expect(await call('listAlerts', trusted, { severity: 'critical', limit: 10 })).toEqual({
      ok: true,
      value: { total: 0, items: [] },
    });
    expect(api.listAlerts).toHaveBeenCalledWith(
      expect.objectContaining({ severity: ['critical'], limit: 10 }),
    );

    api.getAlert.mockResolvedValue({ id: 'am-prod:abc' } as never);
    expect(await call('getAlert', trusted, { id: 'am-prod:abc' })).toEqual({
      ok: true,
      value: { id: 'am-prod:abc' },
    });
    expect(api.getAlert).toHaveBeenCalledWith({ id: 'am-prod:abc' });
  });

  it('pass a command’s own envelope through unchanged', async () => {
    const { api, trusted, call } = setup();
    api.silenceAlert.mockResolvedValue({ ok: true, value: makeSilence('s-1') });
    const input = { id: 'am-prod:abc', durationMinutes: 60, comment: 'deploy in progress' };
    expect(await call('silenceAlert', trusted, input)).toEqual({
      ok: true,
      value: makeSilence('s-1'),
    });
    api.silenceAlert.mockResolvedValue({ ok: false, error: { code: 'not-found', message: 'gone' } });
    expect(await call('silenceAlert', trusted, input)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'gone' },
    });
  });

  it('refuse calls from another page, a subframe, another window or a vanished frame', async () => {
    const { api, window, trusted, call } = setup();
    api.getOverview.mockResolvedValue(OVERVIEW);
    const mainFrame = window.webContents.mainFrame;
    const subframe: FakeFrame = {
      url: 'app://cockpit/index.html',
      parent: mainFrame,
      frameTreeNodeId: 999,
      processId: mainFrame.processId,
      routingId: 2,
    };
    const navigatedAway: FakeFrame = { ...mainFrame, url: 'https://evil.example/' };
    const lookalike: FakeFrame = { ...mainFrame, url: 'app://cockpit.evil/index.html' };
    const otherWindow = new FakeBrowserWindow({ width: 1, height: 1 });
    const untrusted = [
      { sender: window.webContents, senderFrame: navigatedAway },
      { sender: window.webContents, senderFrame: lookalike },
      { sender: window.webContents, senderFrame: subframe },
      { sender: otherWindow.webContents, senderFrame: otherWindow.webContents.mainFrame },
      { sender: window.webContents, senderFrame: null },
    ];
    for (const event of untrusted) {
      const answer = await call('getOverview', event);
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(errorMessage(answer)).toContain('only be called by the cockpit window');
    }
    expect(
      await call('silenceAlert', untrusted[2]!, { id: 'am-prod:abc', durationMinutes: 5, comment: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(api.getOverview).not.toHaveBeenCalled();
    expect(api.silenceAlert).not.toHaveBeenCalled();
    expect(await call('getOverview', trusted)).toMatchObject({ ok: true });
  });

  it('refuse calls while the window is closed', async () => {
    const { api, window, trusted, call } = setup();
    window.destroyed = true;
    expect(await call('getOverview', trusted)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(api.getOverview).not.toHaveBeenCalled();
  });

  it('answer a malformed payload with invalid-input and never reach the api', async () => {
    const { api, trusted, call } = setup();
    const bad: [string, unknown][] = [
      ['listAlerts', { severity: 'purple' }],
      ['listAlerts', { limit: 1_000_000 }],
      ['listAlerts', { unknownField: 1 }],
      ['listAlerts', 'severity=critical'],
      ['getAlert', 42],
      ['getAlert', { id: '' }],
      ['getAlert', 'am-prod:abc'],
      ['getTimeline', { hours: -1 }],
      ['silenceAlert', { id: 'am-prod:abc', durationMinutes: 0, comment: 'x' }],
      ['silenceAlert', { id: 'am-prod:abc', durationMinutes: 5, comment: '   ' }],
      ['silenceAlert', { id: { id: 'x' }, durationMinutes: 5, comment: 'x' }],
    ];
    for (const [method, input] of bad) {
      const answer = await call(method, trusted, input);
      const what = `${method} ${JSON.stringify(input)}`;
      expect(answer, what).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(errorMessage(answer), what).not.toBe('');
    }
    expect(api.listAlerts).not.toHaveBeenCalled();
    expect(api.getAlert).not.toHaveBeenCalled();
    expect(api.getTimeline).not.toHaveBeenCalled();
    expect(api.silenceAlert).not.toHaveBeenCalled();
  });

  it('turn an api exception into an internal envelope with its message', async () => {
    const { api, trusted, call } = setup();
    api.listSources.mockRejectedValue(new Error('database is locked'));
    expect(await call('listSources', trusted)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'listSources failed: database is locked' },
    });
  });

  it('forward change events to the window on cockpit:change', () => {
    const fake = createFakeApi();
    const window = new FakeBrowserWindow({ width: 800, height: 600 });
    const forwarding = forwardChanges(fake.dispatcher, () => window as unknown as BrowserWindow);
    fake.emitChange({ topics: ['alerts', 'overview'], version: 7 });
    expect(window.webContents.send).toHaveBeenCalledWith('cockpit:change', {
      topics: ['alerts', 'overview'],
      version: 7,
    });
    forwarding.dispose();
    fake.emitChange({ topics: ['alerts'], version: 8 });
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
  });
});
