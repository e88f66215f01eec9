import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EnvelopeApi } from '../../src/api/client.js';
import { METHODS, methodNames } from '../../src/api/methods.js';
import type { FakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const electron = (await import('electron')) as unknown as FakeElectron;

const API_METHODS = methodNames(METHODS);
type Bridge = EnvelopeApi & {
  onOpenAlert(listener: (alertId: string) => void): { dispose(): void };
  onOpenView(listener: (view: string) => void): { dispose(): void };
};
let bridge: Bridge;

beforeAll(async () => {
  await import('../../electron/preload.js');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!;
  expect(key).toBe('cockpit');
  bridge = exposed as Bridge;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
});

describe('the preload bridge (window.cockpit)', () => {
  it('exposes exactly one function per api method, onDidChange, onOpenAlert and onOpenView, and no ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual(
      [...API_METHODS, 'onDidChange', 'onOpenAlert', 'onOpenView'].sort(),
    );
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
    }
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.invoke);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.on);
  });

  it('sends one input object on the method’s own channel and hands back the envelope', async () => {
    const answer = { ok: true, value: { total: 0, items: [] } };
    electron.ipcRenderer.invoke.mockResolvedValue(answer);
    await expect(bridge.listAlerts({ severity: 'critical' })).resolves.toEqual(answer);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('cockpit:listAlerts', { severity: 'critical' });
  });

  it('never rejects: a failure, an unreadable answer or a crashed handler is an envelope', async () => {
    const failure = { ok: false, error: { code: 'invalid-input', message: 'severity: invalid option' } };
    electron.ipcRenderer.invoke.mockResolvedValue(failure);
    await expect(bridge.getOverview()).resolves.toEqual(failure);
    electron.ipcRenderer.invoke.mockResolvedValue('garbage');
    await expect(bridge.getOverview()).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringMatching(/unreadable answer to getOverview/) as unknown,
      },
    });
    electron.ipcRenderer.invoke.mockRejectedValue(new Error('No handler registered'));
    await expect(bridge.getOverview()).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('hands a command’s envelope to the page as it is, failures included', async () => {
    const ok = { ok: true, value: { silenceId: 's-1' } };
    electron.ipcRenderer.invoke.mockResolvedValue(ok);
    const input = { id: 'am:1', durationMinutes: 5, comment: 'x' };
    await expect(bridge.silenceAlert(input)).resolves.toEqual(ok);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('cockpit:silenceAlert', input);
    const forbidden = { ok: false, error: { code: 'forbidden', message: 'nope' } };
    electron.ipcRenderer.invoke.mockResolvedValue(forbidden);
    await expect(bridge.silenceAlert(input)).resolves.toEqual(forbidden);
  });

  it('passes change events to the listener without the IPC event, until disposed', () => {
    const listener = vi.fn();
    const subscription = bridge.onDidChange(listener);
    electron.ipcRenderer.emitFromMain('cockpit:change', { topics: ['alerts'], version: 4 });
    expect(listener).toHaveBeenCalledWith({ topics: ['alerts'], version: 4 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    electron.ipcRenderer.emitFromMain('cockpit:change', 'not an event');
    expect(listener).toHaveBeenCalledTimes(1);
    subscription.dispose();
    electron.ipcRenderer.emitFromMain('cockpit:change', { topics: ['alerts'], version: 5 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('cockpit:change', expect.any(Function));
  });

  it('passes the alert id of a clicked notification to onOpenAlert listeners', () => {
    const listener = vi.fn();
    const subscription = bridge.onOpenAlert(listener);
    electron.ipcRenderer.emitFromMain('cockpit:open-alert', { alertId: 'am-prod:abc' });
    expect(listener).toHaveBeenCalledWith('am-prod:abc');
    subscription.dispose();
    electron.ipcRenderer.emitFromMain('cockpit:open-alert', { alertId: 'am-prod:def' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('passes a view name from the tray to onOpenView listeners, and drops a malformed message', () => {
    const listener = vi.fn();
    const subscription = bridge.onOpenView(listener);
    electron.ipcRenderer.emitFromMain('cockpit:open-view', { view: 'war-room' });
    electron.ipcRenderer.emitFromMain('cockpit:open-view', { view: 42 });
    electron.ipcRenderer.emitFromMain('cockpit:open-view', 'war-room');
    expect(listener.mock.calls).toEqual([['war-room']]);
    subscription.dispose();
    electron.ipcRenderer.emitFromMain('cockpit:open-view', { view: 'alerts' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
