import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Overview } from '../../src/api/contract.js';
import type { Severity } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { desktopText } from '../../electron/desktop-text.js';
import { createFakeApi } from './fake-api.js';
import { FakeTray } from './fake-electron.js';
import type { FakeElectron, MenuTemplateItem } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const electron = (await import('electron')) as unknown as FakeElectron;
const { createCockpitTray } = await import('../../electron/tray.js');

const overview = (critical: number, high: number, unclaimed = { critical, high }) =>
  ({
    firing: { critical, high, warning: 9, info: 9 },
    unclaimed: { ...unclaimed, warning: 9, info: 9 },
  }) as unknown as Overview;

function setup() {
  const fake = createFakeApi();
  let paused = false;
  let minSeverity: Severity = 'critical';
  let wall = false;
  const showWindow = vi.fn();
  const openWarRoom = vi.fn();
  const quit = vi.fn();
  const cockpitTray = createCockpitTray({
    api: fake.api,
    iconDir: '/icons',
    text: () => desktopText('en'),
    notificationsPaused: () => paused,
    setNotificationsPaused: (value) => {
      paused = value;
    },
    minSeverity: () => minSeverity,
    setMinSeverity: (value) => {
      minSeverity = value;
    },
    wallMode: {
      enabled: () => wall,
      set: (value) => {
        wall = value;
      },
    },
    showWindow,
    openWarRoom,
    quit,
    logger: silentLogger,
  });
  const tray = FakeTray.instances.at(-1)!;
  const item = (label: string): MenuTemplateItem => {
    const found = tray.menu?.template.find((entry) => entry.label === label);
    if (!found) throw new Error(`no menu item "${label}" in ${JSON.stringify(tray.menu?.template)}`);
    return found;
  };
  return {
    ...fake,
    cockpitTray,
    tray,
    item,
    showWindow,
    openWarRoom,
    quit,
    paused: () => paused,
    minSeverity: () => minSeverity,
  };
}

beforeEach(() => {
  FakeTray.instances.length = 0;
  electron.app.setBadgeCount.mockClear();
});

describe('the tray', () => {
  it('shows firing critical and high counts in its tooltip, icon and badge, refreshed on change', async () => {
    const cockpit = setup();
    cockpit.api.getOverview.mockResolvedValue(overview(2, 3));
    cockpit.emitChange({ topics: ['overview'], version: 1 });
    await vi.waitFor(() =>
      expect(cockpit.tray.tooltip).toBe(
        'On-Call Cockpit\n2 critical, 3 high firing\nunclaimed: 2 critical, 3 high',
      ),
    );
    expect(cockpit.tray.image).toEqual({ path: '/icons/tray-critical.png' });
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(5);

    cockpit.api.getOverview.mockResolvedValue(overview(0, 0));
    await cockpit.cockpitTray.refresh();
    expect(cockpit.tray.tooltip).toBe('On-Call Cockpit\n0 critical, 0 high firing');
    expect(cockpit.tray.image).toEqual({ path: '/icons/tray-ok.png' });
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });

  it('is coloured by the worst unclaimed severity: claimed criticals no longer paint it red', async () => {
    const cockpit = setup();
    cockpit.api.getOverview.mockResolvedValue(overview(2, 1, { critical: 0, high: 1 }));
    await cockpit.cockpitTray.refresh();
    expect(cockpit.tray.image).toEqual({ path: '/icons/tray-high.png' });
    expect(cockpit.tray.tooltip).toBe(
      'On-Call Cockpit\n2 critical, 1 high firing\nunclaimed: 0 critical, 1 high',
    );
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(1);

    cockpit.api.getOverview.mockResolvedValue(overview(2, 1, { critical: 0, high: 0 }));
    await cockpit.cockpitTray.refresh();
    expect(cockpit.tray.image).toEqual({ path: '/icons/tray-ok.png' });
    expect(cockpit.tray.tooltip).toBe('On-Call Cockpit\n2 critical, 1 high firing');
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });

  it('snoozes every screen for an hour through the core, shows until when, and ends it', async () => {
    const cockpit = setup();
    cockpit.api.getOverview.mockResolvedValue(overview(1, 0));
    cockpit.api.getNotificationState.mockRejectedValue(new Error('not yet'));
    await cockpit.cockpitTray.refresh();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    cockpit.api.snoozeNotifications.mockResolvedValue({ ok: true, value: { snoozedUntil: until } } as never);
    cockpit.api.getNotificationState.mockResolvedValue({ snoozedUntil: until } as never);
    cockpit.item('Snooze rings for 1 hour').click?.();
    await vi.waitFor(() => expect(cockpit.tray.tooltip).toContain('rings snoozed until'));
    expect(cockpit.api.snoozeNotifications).toHaveBeenCalledWith({ minutes: 60 });

    cockpit.api.snoozeNotifications.mockClear();
    cockpit.api.getNotificationState.mockResolvedValue({} as never);
    cockpit.item('End snooze').click?.();
    await vi.waitFor(() => expect(cockpit.tray.tooltip).not.toContain('snoozed'));
    expect(cockpit.api.snoozeNotifications).toHaveBeenCalledWith({ minutes: 0 });
    expect(cockpit.item('Snooze rings for 1 hour')).toBeDefined();
  });

  it('offers Show, Pause/Resume notifications, the threshold and Quit', async () => {
    const cockpit = setup();
    cockpit.item('Show On-Call Cockpit').click?.();
    expect(cockpit.showWindow).toHaveBeenCalled();
    cockpit.item('Open war room').click?.();
    expect(cockpit.openWarRoom).toHaveBeenCalled();

    cockpit.item('Pause notifications').click?.();
    expect(cockpit.paused()).toBe(true);
    expect(cockpit.tray.tooltip).toContain('notifications paused');
    cockpit.item('Resume notifications').click?.();
    expect(cockpit.paused()).toBe(false);

    const levels = cockpit.item('Notify at').submenu ?? [];
    expect(levels.map((level) => [level.label, level.checked])).toEqual([
      ['Critical', true],
      ['High', false],
      ['Warning', false],
    ]);
    levels[1]?.click?.();
    expect(cockpit.minSeverity()).toBe('high');

    const wallItem = cockpit.item('Wall display (no controls, stay awake)');
    expect(wallItem).toMatchObject({ type: 'checkbox', checked: false });
    wallItem.click?.();
    expect(cockpit.item('Wall display (no controls, stay awake)').checked).toBe(true);

    cockpit.item('Quit').click?.();
    expect(cockpit.quit).toHaveBeenCalled();
  });

  it('removes itself and its badge when disposed', () => {
    const cockpit = setup();
    cockpit.cockpitTray.dispose();
    expect(cockpit.tray.destroyed).toBe(true);
    expect(cockpit.listenerCount()).toBe(0);
    expect(electron.app.setBadgeCount).toHaveBeenLastCalledWith(0);
  });
});
