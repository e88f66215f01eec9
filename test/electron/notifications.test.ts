import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import type { SourceInfo } from '../../src/domain/index.js';
import type { Alert, Severity } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { NOTIFICATION_TEXT_EN } from '../../src/notifications/text.js';
import { createFakeApi, makeAlert } from './fake-api.js';
import { FakeBrowserWindow, FakeNotification } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const { startNotifier } = await import('../../electron/notifications.js');

const SOURCE = { id: 'am-prod', state: 'ok' } as SourceInfo;

function setup(options: { minSeverity?: Severity } = {}) {
  const fake = createFakeApi();
  let firing: Alert[] = [];
  fake.api.listAlerts.mockImplementation(async () => ({ total: firing.length, items: firing }));
  fake.api.listSources.mockResolvedValue({ sources: [SOURCE] });
  const window = new FakeBrowserWindow({ width: 800, height: 600 });
  const focusWindow = vi.fn(() => window as unknown as BrowserWindow);
  let paused = false;
  let now = Date.parse('2026-03-01T00:00:00.000Z');
  const notifier = startNotifier({
    api: fake.api,
    now: () => now,
    minSeverity: () => options.minSeverity ?? 'critical',
    paused: () => paused,
    text: () => NOTIFICATION_TEXT_EN,
    focusWindow,
    logger: silentLogger,
  });
  return {
    ...fake,
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
  it('sums up the backlog at start, then shows exactly one Notification per new alert', async () => {
    const cockpit = setup();
    cockpit.fire([makeAlert('a'), makeAlert('b')]);
    await cockpit.notifier.check();
    expect(shown()).toEqual([
      { title: '2 alerts firing', body: 'Critical · service-a\nCritical · service-b', urgency: 'critical' },
    ]);

    cockpit.fire([
      makeAlert('a'),
      makeAlert('b'),
      makeAlert('c', { service: 'payments-api', summary: 'Card payments fail' }),
    ]);
    await cockpit.notifier.check();
    await cockpit.notifier.check();
    expect(shown().slice(1)).toEqual([
      { title: 'Critical · payments-api', body: 'Card payments fail', urgency: 'critical' },
    ]);
    expect(
      FakeNotification.instances.every((notification) => notification.show.mock.calls.length === 1),
    ).toBe(true);
  });

  it('asks the api only for firing alerts at or above the threshold', async () => {
    const cockpit = setup({ minSeverity: 'high' });
    await cockpit.notifier.check();
    expect(cockpit.api.listAlerts).toHaveBeenCalledWith(
      expect.objectContaining({ state: ['firing'], severity: ['critical', 'high'] }),
    );
  });

  it('marks only critical alerts as critical urgency', async () => {
    const cockpit = setup({ minSeverity: 'high' });
    await cockpit.notifier.check();
    cockpit.fire([makeAlert('h', { severity: 'high' })]);
    await cockpit.notifier.check();
    expect(shown()).toEqual([expect.objectContaining({ title: 'High · service-h', urgency: 'normal' })]);
  });

  it('focuses the window and opens the alert when a notification is clicked', async () => {
    const cockpit = setup();
    await cockpit.notifier.check();
    cockpit.fire([makeAlert('am-prod:c')]);
    await cockpit.notifier.check();
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
    await cockpit.notifier.check();
    FakeNotification.instances[0]!.emit('click', {});
    expect(cockpit.focusWindow).toHaveBeenCalledTimes(1);
    expect(cockpit.window.webContents.send).not.toHaveBeenCalled();
  });

  it('decides on change events about alerts, and only those', async () => {
    const cockpit = setup();
    cockpit.emitChange({ topics: ['sources', 'overview'], version: 1 });
    expect(cockpit.api.listAlerts).not.toHaveBeenCalled();
    cockpit.emitChange({ topics: ['sources', 'overview', 'alerts'], version: 2 });
    await vi.waitFor(() => expect(cockpit.api.listAlerts).toHaveBeenCalledTimes(1));
  });

  it('shows nothing while paused, and does not replay what fired during the pause', async () => {
    const cockpit = setup();
    await cockpit.notifier.check();
    cockpit.pause(true);
    cockpit.fire([makeAlert('a')]);
    await cockpit.notifier.check();
    expect(shown()).toEqual([]);
    cockpit.pause(false);
    cockpit.advance(60_000);
    await cockpit.notifier.check();
    expect(shown()).toEqual([]);
    cockpit.fire([makeAlert('a'), makeAlert('b')]);
    await cockpit.notifier.check();
    expect(shown()).toEqual([expect.objectContaining({ title: 'Critical · service-b' })]);
  });

  it('keeps its memory when a fetch fails, so a failed poll does not make old alerts new', async () => {
    const cockpit = setup();
    cockpit.fire([makeAlert('a')]);
    await cockpit.notifier.check();
    cockpit.api.listAlerts.mockRejectedValueOnce(new Error('database is locked'));
    await cockpit.notifier.check();
    cockpit.advance(60 * 60_000);
    await cockpit.notifier.check();
    expect(shown()).toHaveLength(1);
  });

  it('stops listening and closes its notifications when disposed', async () => {
    const cockpit = setup();
    cockpit.fire([makeAlert('a')]);
    await cockpit.notifier.check();
    cockpit.notifier.dispose();
    expect(cockpit.listenerCount()).toBe(0);
    expect(FakeNotification.instances[0]!.close).toHaveBeenCalled();
  });
});
