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
}>;

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
    const notification = new Notification({
      title: words.title,
      body: notificationBody(words.body),
      urgency: intent.severity === 'critical' ? 'critical' : 'normal',
    });
    open.add(notification);
    notification.on('click', () => {
      open.delete(notification);
      const window = deps.focusWindow();
      if (intent.kind === 'alert' && window && !window.isDestroyed()) {
        const message: OpenAlertMessage = { alertId: intent.alertId };
        window.webContents.send(OPEN_ALERT_CHANNEL, message);
      }
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
