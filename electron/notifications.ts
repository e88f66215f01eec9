import { Notification } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Disposable } from '../src/api/wire.js';
import type { Language, Severity } from '../src/domain/index.js';
import type { Logger } from '../src/logger.js';
import type { NotificationIntent } from '../src/notifications/decide.js';
import type { CoreNotifications } from '../src/notifications/notifier.js';
import { OPEN_ALERT_CHANNEL } from './ipc-channels.js';
import { notificationBody } from './notification-markup.js';
import type { OpenAlertMessage } from './ipc-channels.js';

export type NotifierDeps = Readonly<{
  /** The core's decisions (src/notifications/notifier.ts): this host only delivers them. */
  notifications: CoreNotifications;
  minSeverity(): Severity;
  language(): Language;
  paused(): boolean;
  /** Shows, restores and focuses the window (creating it if needed) and returns it. */
  focusWindow(): BrowserWindow | undefined;
  logger: Logger;
  /** Claims an alert as this desktop's operator (a notification's "Claim" action). */
  claim?(alertId: string): void;
}>;

/** The notification's action buttons, in the desktop's language. */
const ACTION_TEXT: Readonly<Record<Language, Readonly<{ claim: string; open: string }>>> = {
  en: { claim: 'Claim', open: 'Open' },
  'zh-CN': { claim: '认领', open: '打开' },
};

export type Notifier = Disposable &
  Readonly<{
    /** Tells the core a new threshold (the tray's setting); the core decides with it from now on. */
    setMinSeverity(severity: Severity): void;
  }>;

/**
 * Shows the core's notification intents as native notifications, in the desktop's language. The core
 * decides (what is new, storms, backlog, flapping); while paused, intents are dropped, so resuming does
 * not replay everything that fired during the pause.
 */
export function startNotifier(deps: NotifierDeps): Notifier {
  // Keep each Notification referenced until it closes: one collected by GC loses its click handler.
  const open = new Set<Notification>();

  function show(intent: NotificationIntent): void {
    const words = intent.localized[deps.language()];
    const actions = ACTION_TEXT[deps.language()];
    const claimable = intent.kind === 'alert' && deps.claim !== undefined;
    const notification = new Notification({
      title: words.title,
      body: notificationBody(words.body),
      urgency: intent.severity === 'critical' ? 'critical' : 'normal',
      // A critical tier stays on screen until someone acts on it (its repeats come from the core).
      ...(intent.persistent ? { timeoutType: 'never' as const } : {}),
      ...(intent.sound === false ? { silent: true } : {}),
      ...(claimable
        ? {
            actions: [
              { type: 'button' as const, text: actions.claim },
              { type: 'button' as const, text: actions.open },
            ],
          }
        : {}),
    });
    open.add(notification);
    const openAlert = () => {
      open.delete(notification);
      const window = deps.focusWindow();
      if (intent.kind === 'alert' && window && !window.isDestroyed()) {
        const message: OpenAlertMessage = { alertId: intent.alertId };
        window.webContents.send(OPEN_ALERT_CHANNEL, message);
      }
    };
    notification.on('click', openAlert);
    notification.on('action', (_event, index) => {
      if (index === 0 && intent.kind === 'alert' && deps.claim) {
        open.delete(notification);
        deps.claim(intent.alertId);
      } else openAlert();
    });
    notification.on('close', () => open.delete(notification));
    notification.on('failed', (_event, error) => {
      open.delete(notification);
      deps.logger.warn('the system did not show a notification', { error });
    });
    notification.show();
  }

  deps.notifications.setMinSeverity(deps.minSeverity());
  const subscription = deps.notifications.onNotify(({ intents }) => {
    if (deps.paused()) {
      deps.logger.info('notifications paused; not shown', { count: intents.length });
      return;
    }
    if (!Notification.isSupported()) {
      deps.logger.warn('this system does not support notifications', { count: intents.length });
      return;
    }
    for (const intent of intents) show(intent);
  });

  return {
    setMinSeverity: (severity) => deps.notifications.setMinSeverity(severity),
    dispose() {
      subscription.dispose();
      for (const notification of open) notification.close();
      open.clear();
    },
  };
}
