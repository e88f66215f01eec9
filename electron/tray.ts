import { join } from 'node:path';
import { Menu, Tray, app, nativeImage } from 'electron';
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import type { ICockpitApi } from '../src/api/client.js';
import type { Overview } from '../src/api/contract.js';
import type { Disposable } from '../src/api/wire.js';
import type { Severity } from '../src/domain/index.js';
import type { Logger } from '../src/logger.js';
import type { DesktopText } from './desktop-text.js';

export type TrayDeps = Readonly<{
  api: ICockpitApi;
  /** assets/icons: tray-idle, tray-ok, tray-high, tray-critical (.png). */
  iconDir: string;
  text(): DesktopText;
  notificationsPaused(): boolean;
  setNotificationsPaused(paused: boolean): void;
  minSeverity(): Severity;
  setMinSeverity(severity: Severity): void;
  /** This display as a wall (no controls, kept awake); absent: no menu item. */
  wallMode?: Readonly<{ enabled(): boolean; set(wall: boolean): void }>;
  showWindow(): void;
  /** Shows the window on the war room view. */
  openWarRoom(): void;
  quit(): void;
  logger: Logger;
}>;

export type CockpitTray = Disposable & Readonly<{ refresh(): Promise<void> }>;

type Counts = Readonly<{
  critical: number;
  high: number;
  unclaimedCritical: number;
  unclaimedHigh: number;
}>;
type TrayIcon = 'idle' | 'ok' | 'high' | 'critical';

/** Levels offered in the tray; info alerts are never worth a notification. */
const NOTIFY_LEVELS: readonly Severity[] = ['critical', 'high', 'warning'];

/** The worst firing severity nobody has claimed: a claimed critical is owned, so it no longer paints red. */
function iconFor(counts: Counts | undefined): TrayIcon {
  if (!counts) return 'idle';
  if (counts.unclaimedCritical > 0) return 'critical';
  return counts.unclaimedHigh > 0 ? 'high' : 'ok';
}

/**
 * The tray (menu-bar) icon: coloured by the worst unclaimed firing severity, the firing counts in its
 * tooltip, and a menu: show, open the war room, snooze every screen's rings for an hour (the core's
 * snooze, shared with the header's), pause this desktop's notifications, the threshold, wall mode.
 */
export function createCockpitTray(deps: TrayDeps): CockpitTray {
  const icons = new Map<TrayIcon, NativeImage>();
  const icon = (name: TrayIcon) => {
    let image = icons.get(name);
    if (!image) {
      image = nativeImage.createFromPath(join(deps.iconDir, `tray-${name}.png`));
      icons.set(name, image);
    }
    return image;
  };
  const tray = new Tray(icon('idle'));
  let counts: Counts | undefined;
  let snoozedUntil: string | undefined;
  let refreshing: Promise<void> | undefined;
  let again = false;

  function menu(): Menu {
    const text = deps.text();
    const paused = deps.notificationsPaused();
    const levels: MenuItemConstructorOptions[] = NOTIFY_LEVELS.map((level) => ({
      label: text.severity[level],
      type: 'radio',
      checked: deps.minSeverity() === level,
      click: () => {
        deps.setMinSeverity(level);
        render();
      },
    }));
    const snooze = (minutes: number) =>
      void deps.api
        .snoozeNotifications({ minutes })
        .then((result) => {
          if (!result.ok) deps.logger.warn('could not snooze from the tray', { error: result.error.message });
          return refresh();
        })
        .catch((error: unknown) =>
          deps.logger.warn('could not snooze from the tray', {
            error: error instanceof Error ? error.message : String(error),
          }),
        );
    return Menu.buildFromTemplate([
      { label: text.show, click: () => deps.showWindow() },
      { label: text.openWarRoom, click: () => deps.openWarRoom() },
      snoozedUntil
        ? { label: text.endSnooze, click: () => snooze(0) }
        : { label: text.snoozeHour, click: () => snooze(60) },
      {
        label: paused ? text.resumeNotifications : text.pauseNotifications,
        click: () => {
          deps.setNotificationsPaused(!paused);
          render();
        },
      },
      { label: text.notifyAt, submenu: levels },
      ...(deps.wallMode
        ? [
            {
              label: text.wallMode,
              type: 'checkbox' as const,
              checked: deps.wallMode.enabled(),
              click: () => {
                deps.wallMode?.set(!deps.wallMode.enabled());
                render();
              },
            },
          ]
        : []),
      { type: 'separator' },
      { label: text.quit, click: () => deps.quit() },
    ]);
  }

  function render(): void {
    if (tray.isDestroyed()) return;
    const text = deps.text();
    const lines = [text.appName];
    if (counts) lines.push(text.firing(counts.critical, counts.high));
    if (counts && counts.unclaimedCritical + counts.unclaimedHigh > 0)
      lines.push(text.unclaimed(counts.unclaimedCritical, counts.unclaimedHigh));
    if (snoozedUntil) lines.push(text.snoozedUntil(clockTime(snoozedUntil, text.language)));
    if (deps.notificationsPaused()) lines.push(text.notificationsPaused);
    tray.setToolTip(lines.join('\n'));
    tray.setImage(icon(iconFor(counts)));
    // The badge counts what still needs an owner.
    const urgent = counts ? counts.unclaimedCritical + counts.unclaimedHigh : 0;
    // macOS shows the title beside the icon; elsewhere setTitle is a no-op.
    if (process.platform === 'darwin') tray.setTitle(urgent > 0 ? String(urgent) : '');
    // Dock badge on macOS, launcher badge on Linux (Unity); returns false where unsupported.
    app.setBadgeCount(urgent);
    tray.setContextMenu(menu());
  }

  async function refreshOnce(): Promise<void> {
    try {
      const overview: Overview = await deps.api.getOverview();
      const unclaimed = overview.unclaimed;
      counts = {
        critical: overview.firing.critical,
        high: overview.firing.high,
        unclaimedCritical: unclaimed.critical,
        unclaimedHigh: unclaimed.high,
      };
    } catch (error) {
      deps.logger.warn('could not refresh the tray counts', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    try {
      const state = await deps.api.getNotificationState();
      snoozedUntil =
        state.snoozedUntil && Date.parse(state.snoozedUntil) > Date.now() ? state.snoozedUntil : undefined;
    } catch {
      // No notification state (a fake or an older core): no snooze shown.
      snoozedUntil = undefined;
    }
    render();
  }

  function refresh(): Promise<void> {
    // Events during a refresh fold into one more, so the counts shown are never older than the last event.
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        await refreshOnce();
      } while (again && !tray.isDestroyed());
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  tray.on('click', () => deps.showWindow());
  const subscription = deps.api.onDidChange(() => void refresh());
  render();

  return {
    refresh,
    dispose() {
      subscription.dispose();
      app.setBadgeCount(0);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

/** HH:MM in the tray's language (the tooltip's snooze end). */
function clockTime(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
}
