/**
 * The core's notifier: after every poll that changed the alerts it runs `decideNotifications` over the
 * firing alerts read straight from the cache (in the core's thread, so nothing is copied to a host)
 * and publishes the intents. Hosts only deliver them: the desktop as native notifications, `serve` as
 * `notify` events on its event stream.
 */
import { severityRank, SEVERITIES } from '../domain/index.js';
import type { Severity } from '../domain/index.js';
import type { Disposable } from '../api/wire.js';
import { decideNotifications } from './decide.js';
import type { NotifiableAlert, NotificationIntent, NotificationState } from './decide.js';

/** One decision's notifications, as the event stream and the worker carry them. */
export type NotifyEvent = Readonly<{ intents: readonly NotificationIntent[]; at: string }>;

/** What a host sees of the core's notifications. */
export type CoreNotifications = Readonly<{
  onNotify(listener: (event: NotifyEvent) => void): Disposable;
  /** The threshold the decision uses (the desktop's setting; `serve` keeps the config's). */
  setMinSeverity(severity: Severity): void;
}>;

export type AlertNotifierDeps = Readonly<{
  /** Firing alerts at or above one of `severities`, at most `limit` (the cache's read). */
  firing(severities: readonly Severity[], limit: number): readonly NotifiableAlert[];
  /** Sources whose last poll succeeded. */
  readySourceIds(): ReadonlySet<string>;
  now(): number;
  minSeverity: Severity;
  quietWindowMs?: number;
  onError(error: unknown): void;
}>;

export type AlertNotifier = CoreNotifications &
  Readonly<{
    /** Decides now (after a poll changed the alerts or a source's readiness) and publishes any intents. */
    check(): void;
  }>;

/** Far beyond what a person can act on, and a bound on one decision's read. */
const MAX_ALERTS = 100_000;

export function createAlertNotifier(deps: AlertNotifierDeps): AlertNotifier {
  let state: NotificationState | undefined;
  let minSeverity = deps.minSeverity;
  const listeners = new Set<(event: NotifyEvent) => void>();

  function check(): void {
    try {
      const severities = SEVERITIES.filter((level) => severityRank(level) >= severityRank(minSeverity));
      const decision = decideNotifications(state, deps.firing(severities, MAX_ALERTS), {
        now: deps.now(),
        minSeverity,
        readySourceIds: deps.readySourceIds(),
        ...(deps.quietWindowMs === undefined ? {} : { quietWindowMs: deps.quietWindowMs }),
      });
      state = decision.state;
      if (decision.intents.length === 0) return;
      const event: NotifyEvent = { intents: decision.intents, at: new Date(deps.now()).toISOString() };
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          // A failing listener (a closed socket) must not keep the others from hearing it.
          deps.onError(error);
        }
      }
    } catch (error) {
      // Keep the last state: forgetting it would make every firing alert look new next time.
      deps.onError(error);
    }
  }

  return {
    check,
    onNotify(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    setMinSeverity(severity) {
      if (severity === minSeverity) return;
      minSeverity = severity;
      // The newly eligible alerts are absorbed silently (see decide.ts): decide now, not at the next poll.
      check();
    },
  };
}

/**
 * The notifications of a core that is still starting: listeners subscribe once it is up, the threshold
 * is passed on then. A core that fails to start never notifies.
 */
export function deferNotifications(core: Promise<CoreNotifications>): CoreNotifications {
  let ready: CoreNotifications | undefined;
  let threshold: Severity | undefined;
  core.then(
    (notifications) => {
      ready = notifications;
      if (threshold !== undefined) notifications.setMinSeverity(threshold);
    },
    () => undefined,
  );
  return {
    onNotify(listener) {
      let disposed = false;
      let inner: Disposable | undefined;
      void core.then(
        (notifications) => {
          if (!disposed) inner = notifications.onNotify(listener);
        },
        () => undefined,
      );
      return {
        dispose() {
          disposed = true;
          inner?.dispose();
        },
      };
    },
    setMinSeverity(severity) {
      threshold = severity;
      ready?.setMinSeverity(severity);
    },
  };
}
