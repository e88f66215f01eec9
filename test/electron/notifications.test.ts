import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import type { Alert, Language, Severity } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { createAlertNotifier } from '../../src/notifications/notifier.js';
import { makeAlert } from './fake-api.js';
import { FakeBrowserWindow, FakeNotification } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const { startNotifier } = await import('../../electron/notifications.js');

const SOURCE_ID = 'am-prod';

function setup(options: { minSeverity?: Severity; language?: Language; claim?: (id: string) => void } = {}) {
  let firing: Alert[] = [];
  const firingRead = vi.fn((severities: readonly Severity[]) =>
    firing.filter((alert) => severities.includes(alert.severity)),
  );
  const window = new FakeBrowserWindow({ width: 800, height: 600 });
  const focusWindow = vi.fn(() => window as unknown as BrowserWindow);
  let paused = false;
  let now = Date.parse('2026-03-01T00:00:00.000Z');
  // The core's real decision, fed from a list instead of the cache.
  const core = createAlertNotifier({
    firing: firingRead,
    readySourceIds: () => new Set([SOURCE_ID]),
    now: () => now,
    minSeverity: 'critical',
    onError: () => undefined,
  });
  const setMinSeverity = vi.spyOn(core, 'setMinSeverity');
  const notifier = startNotifier({
    notifications: core,
    minSeverity: () => options.minSeverity ?? 'critical',
    language: () => options.language ?? 'en',
    paused: () => paused,
    focusWindow,
    logger: silentLogger,
    ...(options.claim ? { claim: options.claim } : {}),
  });
  return {
    core,
    firingRead,
    setMinSeverity,
    notifier,
    window,
    focusWindow,
    fire(alerts: Alert[]) {
      firing = alerts;
    },
    pause(value: boolean) {
      paused = value;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

const shown = () => FakeNotification.instances.map((notification) => notification.options);

beforeEach(() => {
  FakeNotification.instances.length = 0;
});

describe('native notifications', () => {
  it('a critical stays on screen with Claim and Open actions; Claim claims, Open opens the alert', () => {
    const claim = vi.fn();
    const cockpit = setup({ claim, language: 'zh-CN' });
    cockpit.core.check();
    cockpit.fire([makeAlert('w', { severity: 'warning' }), makeAlert('c', { summary: 'DB down' })]);
    cockpit.core.check();
    const [notification] = FakeNotification.instances;
    expect(notification?.options).toMatchObject({
      timeoutType: 'never',
      actions: [
        { type: 'button', text: '认领' },
        { type: 'button', text: '打开' },
      ],
    });
    notification!.emit('action', {}, 0);
    expect(claim).toHaveBeenCalledWith('c');
    notification!.emit('action', {}, 1);
    expect(cockpit.window.webContents.send).toHaveBeenCalledWith(expect.any(String), { alertId: 'c' });
  });

  it('rings a critical again at the repeat interval until it is claimed (the core repeats, the desktop shows)', () => {
    const cockpit = setup();
    cockpit.core.check();
    cockpit.fire([makeAlert('c')]);
    cockpit.core.check();
    expect(FakeNotification.instances).toHaveLength(1);
    cockpit.advance(5 * 60_000);
    cockpit.core.check();
    expect(FakeNotification.instances).toHaveLength(2);
    expect(FakeNotification.instances[1]?.options).toMatchObject({
      title: 'Critical · service-c',
      timeoutType: 'never',
    });
  });

  it('sums up the backlog at start, then shows exactly one Notification per new alert', async () => {
    const cockpit = setup();
    cockpit.fire([makeAlert('a'), makeAlert('b')]);
    cockpit.core.check();
    expect(shown()).toEqual([
      {
        title: '2 alerts firing',
        body: 'Critical · service-a\nCritical · service-b',
        urgency: 'critical',
        timeoutType: 'never',
      },
    ]);

    cockpit.fire([
      makeAlert('a'),
      makeAlert('b'),
      makeAlert('c', { service: 'payments-api', summary: 'Card payments fail' }),
    ]);
    cockpit.core.check();
    cockpit.core.check();
    expect(shown().slice(1)).toEqual([
      {
        title: 'Critical · payments-api',
        body: 'Card payments fail',
        urgency: 'critical',
        timeoutType: 'never',
      },
    ]);
    expect(
      FakeNotification.instances.every((notification) => notification.show.mock.calls.length === 1),
    ).toBe(true);
  });

  it('hands the desktop threshold to the core, at start and when the tray changes it', () => {
    const cockpit = setup({ minSeverity: 'high' });
    expect(cockpit.setMinSeverity).toHaveBeenCalledWith('high');
    cockpit.core.check();
    expect(cockpit.firingRead).toHaveBeenLastCalledWith(['critical', 'high'], expect.any(Number));
    cockpit.notifier.setMinSeverity('warning');
    expect(cockpit.firingRead).toHaveBeenLastCalledWith(['critical', 'high', 'warning'], expect.any(Number));
  });

  it('shows the words of the desktop language', () => {
    const cockpit = setup({ language: 'zh-CN' });
    cockpit.core.check();
    cockpit.fire([makeAlert('a', { service: '支付' })]);
    cockpit.core.check();
    expect(shown()).toEqual([expect.objectContaining({ title: '致命 · 支付' })]);
  });

  it('marks only critical alerts as critical urgency', async () => {
    const cockpit = setup({ minSeverity: 'high' });
    cockpit.core.check();
    cockpit.fire([makeAlert('h', { severity: 'high' })]);
    cockpit.core.check();
    expect(shown()).toEqual([expect.objectContaining({ title: 'High · service-h', urgency: 'normal' })]);
  });

  it('focuses the window and opens the alert when a notification is clicked', async () => {
    const cockpit = setup();
    cockpit.core.check();
    cockpit.fire([makeAlert('am-prod:c')]);
    cockpit.core.check();
    const [notification] = FakeNotification.instances;
    notification!.emit('click', {});
    expect(cockpit.focusWindow).toHaveBeenCalledTimes(1);
    expect(cockpit.window.webContents.send).toHaveBeenCalledWith('cockpit:open-alert', {
      alertId: 'am-prod:c',
    });
  });

  it('focuses the window without opening an alert when a summary is clicked', async () => {
    const cockpit = setup();
    cockpit.fire([makeAlert('a')]);
    cockpit.core.check();
    FakeNotification.instances[0]!.emit('click', {});
    expect(cockpit.focusWindow).toHaveBeenCalledTimes(1);
    expect(cockpit.window.webContents.send).not.toHaveBeenCalled();
  });

  it('shows nothing while paused, and does not replay what fired during the pause', async () => {
    const cockpit = setup();
    cockpit.core.check();
    cockpit.pause(true);
    cockpit.fire([makeAlert('a')]);
    cockpit.core.check();
    expect(shown()).toEqual([]);
    cockpit.pause(false);
    cockpit.advance(60_000);
    cockpit.core.check();
    expect(shown()).toEqual([]);
    cockpit.fire([makeAlert('a'), makeAlert('b')]);
    cockpit.core.check();
    expect(shown()).toEqual([expect.objectContaining({ title: 'Critical · service-b' })]);
  });

  it('stops listening and closes its notifications when disposed', async () => {
    const cockpit = setup();
    cockpit.fire([makeAlert('a')]);
    cockpit.core.check();
    cockpit.notifier.dispose();
    expect(FakeNotification.instances[0]!.close).toHaveBeenCalled();
    cockpit.fire([makeAlert('a'), makeAlert('b')]);
    cockpit.core.check();
    expect(FakeNotification.instances).toHaveLength(1);
  });
});
