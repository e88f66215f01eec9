/**
 * The core's notifier: after every poll that changed the alerts it runs `decideNotifications` over the
 * firing alerts read straight from the cache (in the core's thread, so nothing is copied to a host)
 * and publishes the intents. Hosts only deliver them: the desktop as native notifications, `serve` as
 * `notify` events on its event stream.
 */
import { severityRank, SEVERITIES } from '../domain/index.js';
import type { Severity } from '../domain/index.js';
import type { Disposable } from '../api/wire.js';
import { alertIntent, decideNotifications } from './decide.js';
import type { NotifiableAlert, NotificationIntent, NotificationState } from './decide.js';
import { DEFAULT_POLICY, decideRinging, EMPTY_RING_STATE, heldBack, inQuietHours } from './policy.js';
import type { NotificationPolicy, RingState } from './policy.js';
import { NOTIFICATION_TEXT_EN } from './text.js';

/** One decision's notifications, as the event stream and the worker carry them. */
export type NotifyEvent = Readonly<{ intents: readonly NotificationIntent[]; at: string }>;

/** What a host sees of the core's notifications. */
export type CoreNotifications = Readonly<{
  onNotify(listener: (event: NotifyEvent) => void): Disposable;
  /** The threshold the decision uses (the desktop's setting; `serve` keeps the config's). */
  setMinSeverity(severity: Severity): void;
}>;

/** Snooze and quiet hours as the api shows and sets them. */
export type NotificationControl = Readonly<{
  /** Holds back every ring for `minutes` (0 ends a snooze); escalations still go out. */
  snooze(minutes: number): void;
  snoozedUntil(): number | undefined;
  quietHoursActive(): boolean;
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
  /** Tiers, escalation, quiet hours, filters (DEFAULT_POLICY when absent). */
  policy?: NotificationPolicy;
  /** Alerts someone has claimed now: they never ring (a claim written back is `silenced` anyway). */
  claimedIds?(): ReadonlySet<string>;
  /** Whether an alert passes the policy's filters (the core looks its labels up). */
  matches?(alert: NotifiableAlert): boolean;
  /**
   * Unclaimed alerts that reached a rung of the escalation ladder, once per rung (1 = the first), for
   * the escalation channel.
   */
  onEscalate?(alerts: readonly (NotifiableAlert & Readonly<{ escalationLevel: number }>)[]): void;
}>;

export type AlertNotifier = CoreNotifications &
  NotificationControl &
  Readonly<{
    /** Decides now (after a poll changed the alerts or a source's readiness) and publishes any intents. */
    check(): void;
  }>;

/** Far beyond what a person can act on, and a bound on one decision's read. */
const MAX_ALERTS = 100_000;

export function createAlertNotifier(deps: AlertNotifierDeps): AlertNotifier {
  let state: NotificationState | undefined;
  let ringState: RingState = EMPTY_RING_STATE;
  let minSeverity = deps.minSeverity;
  let snoozedUntil: number | undefined;
  const policy = deps.policy ?? DEFAULT_POLICY;
  const listeners = new Set<(event: NotifyEvent) => void>();

  /** The intent as its tier delivers it; undefined when quiet hours, snooze or the tier hold it back. */
  function delivered(intent: NotificationIntent, now: number): NotificationIntent | undefined {
    if (heldBack(intent.severity, policy, { now, ...(snoozedUntil ? { snoozedUntil } : {}) }))
      return undefined;
    const tier = policy.tiers[intent.severity];
    return { ...intent, persistent: tier.persistent, sound: tier.sound };
  }

  function check(): void {
    try {
      const now = deps.now();
      // Escalation reads every severity that escalates, whatever the threshold.
      const escalating = SEVERITIES.filter((level) => policy.tiers[level].escalate);
      const floor = [minSeverity, ...escalating].reduce((low, level) =>
        severityRank(level) < severityRank(low) ? level : low,
      );
      const severities = SEVERITIES.filter((level) => severityRank(level) >= severityRank(floor));
      const claimed = deps.claimedIds?.() ?? new Set<string>();
      const all = deps.firing(severities, MAX_ALERTS).filter((alert) => !claimed.has(alert.id));
      const mine = all.filter(
        (alert) =>
          severityRank(alert.severity) >= severityRank(minSeverity) && (deps.matches?.(alert) ?? true),
      );
      const decision = decideNotifications(state, mine, {
        now,
        minSeverity,
        readySourceIds: deps.readySourceIds(),
        ...(deps.quietWindowMs === undefined ? {} : { quietWindowMs: deps.quietWindowMs }),
      });
      state = decision.state;
      const intents = decision.intents.flatMap((intent) => delivered(intent, now) ?? []);
      const rang = intents.flatMap((intent) => (intent.kind === 'alert' ? [intent.alertId] : []));
      const ringing = decideRinging(ringState, all, rang, policy, {
        now,
        ...(snoozedUntil ? { snoozedUntil } : {}),
      });
      ringState = ringing.state;
      const byId = new Map(all.map((alert) => [alert.id, alert]));
      const escalated = new Set(ringing.escalate);
      for (const id of new Set([...ringing.repeat, ...ringing.escalate])) {
        const alert = byId.get(id);
        if (!alert) continue;
        // Snooze and quiet hours hold back the screen's ring, not the escalation channel's message.
        const intent = delivered(alertIntent(alert, NOTIFICATION_TEXT_EN), now);
        if (intent)
          intents.push({ ...intent, repeat: true, ...(escalated.has(id) ? { escalated: true } : {}) });
      }
      if (ringing.escalate.length > 0) {
        deps.onEscalate?.(
          ringing.escalate.flatMap((id) => {
            const alert = byId.get(id);
            return alert ? [{ ...alert, escalationLevel: ringing.state.escalated.get(id) ?? 1 }] : [];
          }),
        );
      }
      if (intents.length === 0) return;
      const event: NotifyEvent = { intents, at: new Date(now).toISOString() };
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
    snooze(minutes) {
      snoozedUntil = minutes > 0 ? deps.now() + minutes * 60_000 : undefined;
    },
    snoozedUntil() {
      if (snoozedUntil !== undefined && deps.now() >= snoozedUntil) snoozedUntil = undefined;
      return snoozedUntil;
    },
    quietHoursActive() {
      return inQuietHours(policy.quietHours, deps.now());
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
