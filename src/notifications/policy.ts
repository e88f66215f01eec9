/**
 * The notification policy: how each tier is delivered, when an unclaimed alert escalates, when the
 * cockpit stays quiet. Pure functions over what the core passes in (no clock, no cache).
 *
 * Rules (each has a test in test/unit/notifications/policy.test.ts):
 * - Tiers by severity: `notify` (does it raise a notification at all), `persistent` (stays until
 *   dismissed or claimed), `sound`, `repeatMs` (rings again every so often until someone claims it)
 *   and `escalate` (sent to the escalation channel when unclaimed for `escalationAfterMs`).
 * - Escalation: a firing, unclaimed alert of an escalating tier, `escalationAfterMs` (default 10 min)
 *   after it started, escalates once; claiming it (or it resolving) resets that. With a ladder
 *   (`escalationSteps`: A角 → B角 → lead) it climbs one rung at each step's `afterMs`, sent once per rung.
 * - Repeat: an alert that rang rings again each `repeatMs` while it fires unclaimed. A flapping alert
 *   that comes back within the quiet window is not new (decide.ts), so it does not start ringing again.
 * - Quiet hours (a wall-clock range in a time zone, may pass midnight) and snooze hold back rings
 *   below the breakthrough severity (snooze holds back every ring); escalations still go out: they
 *   are for the team's channel, not this screen.
 * - Filters (only my services / teams / labels): an alert rings only when it matches every filter
 *   that is set; an empty filter matches all.
 */
import { severityRank, zonedParts } from '../domain/index.js';
import type {
  EscalationStep,
  Labels,
  NotificationFilters,
  NotificationPolicy,
  QuietHours,
  Severity,
  TierSettings,
} from '../domain/index.js';

export type { NotificationFilters, NotificationPolicy, QuietHours, TierSettings };

export const DEFAULT_ESCALATION_AFTER_MS = 10 * 60_000;
export const DEFAULT_REPEAT_MS = 5 * 60_000;

/** The tiers of DOMAIN.md: critical rings until claimed and escalates; warning notifies; info shows. */
export function defaultTiers(minSeverity: Severity): Readonly<Record<Severity, TierSettings>> {
  const notify = (severity: Severity) => severityRank(severity) >= severityRank(minSeverity);
  return {
    critical: {
      notify: notify('critical'),
      persistent: true,
      sound: true,
      repeatMs: DEFAULT_REPEAT_MS,
      escalate: true,
    },
    high: { notify: notify('high'), persistent: false, sound: false, escalate: false },
    warning: { notify: notify('warning'), persistent: false, sound: false, escalate: false },
    info: { notify: notify('info'), persistent: false, sound: false, escalate: false },
  };
}

export const NO_FILTERS: NotificationFilters = { services: [], teams: [], teamLabel: 'team', labels: {} };

export const DEFAULT_POLICY: NotificationPolicy = {
  tiers: defaultTiers('critical'),
  escalationAfterMs: DEFAULT_ESCALATION_AFTER_MS,
  filters: NO_FILTERS,
};

/** What the escalation rule reads of an alert. */
export type EscalatableAlert = Readonly<{
  severity: Severity;
  state: string;
  startsAt: string;
  stale?: boolean;
}>;

/** The escalation ladder: the configured steps, else one step at the timeout to every webhook. */
export function escalationSteps(policy: NotificationPolicy): readonly EscalationStep[] {
  return policy.escalationSteps && policy.escalationSteps.length > 0
    ? policy.escalationSteps
    : [{ afterMs: policy.escalationAfterMs }];
}

/**
 * How many rungs of the ladder an alert has climbed now (0: not escalated): firing, unclaimed, of an
 * escalating tier, and as old as each step's `afterMs`.
 */
export function escalationLevel(
  alert: EscalatableAlert,
  claimed: boolean,
  policy: NotificationPolicy,
  now: number,
): number {
  if (claimed || alert.state !== 'firing' || !policy.tiers[alert.severity].escalate) return 0;
  const age = now - Date.parse(alert.startsAt);
  // Runs for every firing alert on every check: no array per alert.
  const steps = policy.escalationSteps;
  if (!steps || steps.length === 0) return age >= policy.escalationAfterMs ? 1 : 0;
  let level = 0;
  for (const step of steps) if (age >= step.afterMs) level += 1;
  return level;
}

/** Whether an alert is escalated now: firing, unclaimed, of an escalating tier, older than the timeout. */
export function isEscalated(
  alert: EscalatableAlert,
  claimed: boolean,
  policy: NotificationPolicy,
  now: number,
): boolean {
  return escalationLevel(alert, claimed, policy, now) > 0;
}

/** Whether `now` falls in the quiet hours. */
export function inQuietHours(quiet: QuietHours | undefined, now: number): boolean {
  if (!quiet || quiet.fromMinutes === quiet.toMinutes) return false;
  const minutes = zonedParts(quiet.timeZone, now).minutes;
  return quiet.fromMinutes < quiet.toMinutes
    ? minutes >= quiet.fromMinutes && minutes < quiet.toMinutes
    : minutes >= quiet.fromMinutes || minutes < quiet.toMinutes;
}

export type Gate = Readonly<{ now: number; snoozedUntil?: number }>;

/**
 * Why a ring is held back now, or undefined when it may ring. Which tiers notify at all is the
 * threshold's business (`minSeverity`, the lowest tier with `notify`), applied before this.
 */
export function heldBack(
  severity: Severity,
  policy: NotificationPolicy,
  gate: Gate,
): 'snoozed' | 'quiet-hours' | undefined {
  if (gate.snoozedUntil !== undefined && gate.now < gate.snoozedUntil) return 'snoozed';
  const quiet = policy.quietHours;
  if (quiet && inQuietHours(quiet, gate.now) && severityRank(severity) < severityRank(quiet.breakthrough)) {
    return 'quiet-hours';
  }
  return undefined;
}

/** What the filters read of an alert. */
export type FilterableAlert = Readonly<{ service?: string; labels?: Labels }>;

/** Whether the alert matches every filter that is set. */
export function matchesFilters(alert: FilterableAlert, filters: NotificationFilters): boolean {
  if (filters.services.length > 0 && !filters.services.includes(alert.service ?? '')) return false;
  if (filters.teams.length > 0 && !filters.teams.includes(alert.labels?.[filters.teamLabel] ?? ''))
    return false;
  return Object.entries(filters.labels).every(([name, value]) => alert.labels?.[name] === value);
}

export function hasFilters(filters: NotificationFilters): boolean {
  return filters.services.length > 0 || filters.teams.length > 0 || Object.keys(filters.labels).length > 0;
}

/** What ringing remembers between calls. */
export type RingState = Readonly<{
  /** When each alert last rang (ms). */
  lastRang: ReadonlyMap<string, number>;
  /** Alerts already sent to the escalation channel, with the ladder's rung each reached. */
  escalated: ReadonlyMap<string, number>;
}>;

export const EMPTY_RING_STATE: RingState = { lastRang: new Map(), escalated: new Map() };

/** `claimed` absent: not claimed (the notifier passes only unclaimed alerts). */
export type RingableAlert = EscalatableAlert & Readonly<{ id: string; claimed?: boolean }>;

export type RingDecision = Readonly<{
  /** Alerts to ring again now (their repeat interval has passed). */
  repeat: readonly string[];
  /** Alerts to send to the escalation channel now: once per rung (their rung is in `state.escalated`). */
  escalate: readonly string[];
  state: RingState;
}>;

/**
 * Repeats and escalations over the alerts firing now. `rangNow` are the alerts the first-notification
 * decision (decide.ts) just rang: their repeat clock starts now.
 */
export function decideRinging(
  previous: RingState,
  alerts: readonly RingableAlert[],
  rangNow: readonly string[],
  policy: NotificationPolicy,
  gate: Gate,
): RingDecision {
  const lastRang = new Map<string, number>();
  const escalated = new Map<string, number>();
  const repeat: string[] = [];
  const escalate: string[] = [];
  const rang = new Set(rangNow);
  for (const alert of alerts) {
    if (alert.claimed || alert.state !== 'firing' || alert.stale) continue;
    const tier = policy.tiers[alert.severity];
    const last = rang.has(alert.id) ? gate.now : previous.lastRang.get(alert.id);
    if (last !== undefined) {
      if (
        tier.repeatMs !== undefined &&
        gate.now - last >= tier.repeatMs &&
        heldBack(alert.severity, policy, gate) === undefined
      ) {
        repeat.push(alert.id);
        lastRang.set(alert.id, gate.now);
      } else lastRang.set(alert.id, last);
    }
    // A rung is sent once; several passed at once (a restart) send only the highest.
    const before = previous.escalated.get(alert.id) ?? 0;
    const level = escalationLevel(alert, false, policy, gate.now);
    if (level > before) {
      escalate.push(alert.id);
      escalated.set(alert.id, level);
    } else if (before > 0) escalated.set(alert.id, before);
  }
  return { repeat, escalate, state: { lastRang, escalated } };
}
