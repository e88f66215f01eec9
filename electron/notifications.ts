import { Notification } from 'electron';
import type { BrowserWindow } from 'electron';
import type { ICockpitApi } from '../src/api/client.js';
import type { Disposable } from '../src/api/wire.js';
import { SEVERITIES, severityRank } from '../src/domain/index.js';
import type { Alert, Severity } from '../src/domain/index.js';
import type { Logger } from '../src/logger.js';
import { decideNotifications } from '../src/notifications/decide.js';
import type { NotificationIntent, NotificationState } from '../src/notifications/decide.js';
import type { NotificationText } from '../src/notifications/text.js';
import { OPEN_ALERT_CHANNEL } from './ipc-channels.js';
import { notificationBody } from './notification-markup.js';
import type { OpenAlertMessage } from './ipc-channels.js';

export type NotifierDeps = Readonly<{
  api: ICockpitApi;
  now(): number;
  minSeverity(): Severity;
  paused(): boolean;
  text(): NotificationText;
  /** Shows, restores and focuses the window (creating it if needed) and returns it. */
  focusWindow(): BrowserWindow | undefined;
  logger: Logger;
  quietWindowMs?: number;
}>;

export type Notifier = Disposable &
  Readonly<{
    /** Runs one decision now; resolves when its notifications are shown. */
    check(): Promise<void>;
  }>;

const PAGE_SIZE = 5000;
/** 20 pages: far beyond any estate a person can act on, and a bound on the main process's work. */
const MAX_ALERTS = 100_000;

async function firingAtOrAbove(api: ICockpitApi, minSeverity: Severity): Promise<Alert[]> {
  const severity = SEVERITIES.filter((level) => severityRank(level) >= severityRank(minSeverity));
  const alerts: Alert[] = [];
  for (let offset = 0; offset < MAX_ALERTS; offset += PAGE_SIZE) {
    const page = await api.listAlerts({ state: ['firing'], severity, limit: PAGE_SIZE, offset });
    alerts.push(...page.items);
    if (page.items.length < PAGE_SIZE || offset + PAGE_SIZE >= page.total) break;
  }
  return alerts;
}

/**
 * Turns 'alerts' change events into native notifications through decideNotifications. Decisions run
 * one at a time; events that arrive meanwhile fold into one more run. While paused, decisions still
 * run (and are forgotten), so resuming does not replay everything that fired during the pause.
 */
export function startNotifier(deps: NotifierDeps): Notifier {
  let state: NotificationState | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let disposed = false;
  // Keep each Notification referenced until it closes: one collected by GC loses its click handler.
  const open = new Set<Notification>();

  function show(intent: NotificationIntent): void {
    const notification = new Notification({
      title: intent.title,
      body: notificationBody(intent.body),
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

  async function decideOnce(): Promise<void> {
    const minSeverity = deps.minSeverity();
    const [alerts, { sources }] = await Promise.all([
      firingAtOrAbove(deps.api, minSeverity),
      deps.api.listSources(),
    ]);
    const decision = decideNotifications(state, alerts, {
      now: deps.now(),
      minSeverity,
      readySourceIds: new Set(sources.filter((source) => source.state === 'ok').map((source) => source.id)),
      text: deps.text(),
      ...(deps.quietWindowMs === undefined ? {} : { quietWindowMs: deps.quietWindowMs }),
    });
    state = decision.state;
    if (decision.intents.length === 0 || disposed) return;
    if (deps.paused()) {
      deps.logger.info('notifications paused; not shown', { count: decision.intents.length });
      return;
    }
    if (!Notification.isSupported()) {
      deps.logger.warn('this system does not support notifications', { count: decision.intents.length });
      return;
    }
    for (const intent of decision.intents) show(intent);
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        await decideOnce();
      } catch (error) {
        // Keep the last state: an empty view after a failed fetch would make every alert look new later.
        deps.logger.warn('could not decide notifications', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    } while (again && !disposed);
  }

  function check(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = undefined;
    });
    return running;
  }

  const subscription = deps.api.onDidChange((event) => {
    if (event.topics.includes('alerts')) void check();
  });

  return {
    check,
    dispose() {
      disposed = true;
      subscription.dispose();
      for (const notification of open) notification.close();
      open.clear();
    },
  };
}
