/**
 * Which alerts deserve a native notification: a pure decision over successive views of the firing
 * alerts, so the desktop host only shows what this returns.
 *
 * Rules (each has a test in test/unit/notifications/):
 * - An alert notifies when it starts firing (state `firing`, not stale) at or above `minSeverity`
 *   (default critical), once per alert id: staying firing over many polls does not repeat it.
 * - Flapping: an alert that stops (resolves, is silenced, acknowledged, drops below the threshold)
 *   and fires again within `quietWindowMs` (default 10 min) does not notify again. The window runs
 *   from the first decision that saw it gone, so a long gap between decisions (sleep, a quiet estate
 *   that emits no change events) never makes a still-firing alert look new.
 * - Backlog: the first decision after start, and the first decision after each source becomes ready
 *   (its first successful poll), absorbs what is already firing without one notification per
 *   alert; it yields one summary ("12 alerts firing") when that backlog is not empty. Changing
 *   `minSeverity` absorbs the newly eligible alerts silently (the user just chose to see more).
 * - Stale alerts (their source's last poll failed) never notify, but they count as still firing, so
 *   a source that recovers does not replay its alerts.
 * - Storms: more than `maxIndividual` (default 5) new alerts in one decision become one summary,
 *   which lists the worst of them; every one of those ids is then known and never notifies again.
 */
import { LANGUAGES, severityRank } from '../domain/index.js';
import type { Alert, Language, Severity } from '../domain/index.js';
import { NOTIFICATION_TEXT_EN, NOTIFICATION_TEXTS, plainLine } from './text.js';
import type { NotificationText } from './text.js';

/** The parts of an alert the decision reads. */
export type NotifiableAlert = Pick<
  Alert,
  'id' | 'sourceId' | 'name' | 'severity' | 'state' | 'summary' | 'service' | 'startsAt' | 'stale'
>;

/** What the decision remembers between calls; treat as opaque and pass back the returned one. */
export type NotificationState = Readonly<{
  minSeverity: Severity;
  /** Alerts firing at or above the threshold as of the last decision (stale ones included). */
  firing: ReadonlySet<string>;
  /** Alerts that stopped firing, with the time (ms) the first decision saw them gone. */
  goneSince: ReadonlyMap<string, number>;
  /** Sources whose backlog has been absorbed. */
  seededSources: ReadonlySet<string>;
}>;

/** What a notification says, as plain bounded lines. */
export type NotificationWords = Readonly<{ title: string; body: string }>;

/** `title`/`body` in the decision's `text`; `localized` the same in every built-in language. */
type Worded = NotificationWords & Readonly<{ localized: Readonly<Record<Language, NotificationWords>> }>;

/** How a host delivers an intent (its tier, see policy.ts); absent fields mean a plain notification. */
export type Delivery = Readonly<{
  /** Stays until dismissed or claimed (critical). */
  persistent?: boolean;
  sound?: boolean;
  /** A ring repeated because nobody has claimed the alert. */
  repeat?: boolean;
  /** Unclaimed past the escalation timeout: louder, and sent to the escalation channel. */
  escalated?: boolean;
}>;

export type AlertNotificationIntent = Worded &
  Delivery &
  Readonly<{
    kind: 'alert';
    alertId: string;
    severity: Severity;
  }>;

export type SummaryNotificationIntent = Worded &
  Delivery &
  Readonly<{
    kind: 'summary';
    reason: 'backlog' | 'storm';
    count: number;
    /** The worst severity among the alerts it stands for. */
    severity: Severity;
    alertIds: readonly string[];
  }>;

export type NotificationIntent = AlertNotificationIntent | SummaryNotificationIntent;

export type DecideOptions = Readonly<{
  /** Now, in ms since the epoch (the caller's clock). */
  now: number;
  minSeverity?: Severity;
  quietWindowMs?: number;
  maxIndividual?: number;
  /**
   * Sources that have polled successfully since start. With it, each source's first fresh data is
   * its backlog (a source polled late does not replay what was already firing there), and a ready
   * source with no alerts counts as seeded. Omitted: the first decision is the whole backlog.
   */
  readySourceIds?: ReadonlySet<string>;
  text?: NotificationText;
}>;

export type Decision = Readonly<{ intents: readonly NotificationIntent[]; state: NotificationState }>;

export const DEFAULT_MIN_SEVERITY: Severity = 'critical';
export const DEFAULT_QUIET_WINDOW_MS = 10 * 60_000;
export const DEFAULT_MAX_INDIVIDUAL = 5;
const TITLE_MAX = 120;
const BODY_MAX = 240;
const SUMMARY_LINES = 3;

/** Decides the notifications for `alerts` (the firing alerts now), given the state from last time. */
export function decideNotifications(
  previous: NotificationState | undefined,
  alerts: readonly NotifiableAlert[],
  options: DecideOptions,
): Decision {
  const minSeverity = options.minSeverity ?? DEFAULT_MIN_SEVERITY;
  const quietWindowMs = options.quietWindowMs ?? DEFAULT_QUIET_WINDOW_MS;
  const text = options.text ?? NOTIFICATION_TEXT_EN;
  const thresholdChanged = previous !== undefined && previous.minSeverity !== minSeverity;
  // Without readiness information the first decision is the whole backlog; with it, each source's.
  const perSource = options.readySourceIds !== undefined;
  const seededBefore = (sourceId: string) =>
    previous !== undefined && (!perSource || previous.seededSources.has(sourceId));
  const seeded = new Set([...(previous?.seededSources ?? []), ...(options.readySourceIds ?? [])]);

  const firing = new Set<string>();
  const fresh: NotifiableAlert[] = [];
  const backlog: NotifiableAlert[] = [];
  for (const alert of alerts) {
    if (alert.state !== 'firing' || severityRank(alert.severity) < severityRank(minSeverity)) continue;
    if (firing.has(alert.id)) continue;
    firing.add(alert.id);
    if (alert.stale) continue;
    seeded.add(alert.sourceId);
    if (!seededBefore(alert.sourceId)) backlog.push(alert);
    else if (!thresholdChanged && isNew(alert.id, previous, options.now, quietWindowMs)) fresh.push(alert);
  }

  const goneSince = new Map<string, number>();
  for (const [id, since] of previous?.goneSince ?? []) {
    if (!firing.has(id) && options.now - since <= quietWindowMs) goneSince.set(id, since);
  }
  for (const id of previous?.firing ?? []) {
    if (!firing.has(id)) goneSince.set(id, options.now);
  }

  const intents: NotificationIntent[] = [];
  if (backlog.length > 0) intents.push(summary('backlog', backlog, text));
  if (fresh.length > (options.maxIndividual ?? DEFAULT_MAX_INDIVIDUAL)) {
    intents.push(summary('storm', fresh, text));
  } else {
    for (const alert of worstFirst(fresh)) intents.push(alertIntent(alert, text));
  }
  return { intents, state: { minSeverity, firing, goneSince, seededSources: seeded } };
}

function isNew(
  id: string,
  previous: NotificationState | undefined,
  now: number,
  quietWindowMs: number,
): boolean {
  if (previous?.firing.has(id)) return false;
  const since = previous?.goneSince.get(id);
  return since === undefined || now - since > quietWindowMs;
}

function worstFirst(alerts: readonly NotifiableAlert[]): NotifiableAlert[] {
  return [...alerts].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.startsAt.localeCompare(b.startsAt),
  );
}

function headline(alert: NotifiableAlert, text: NotificationText): string {
  return `${text.severity[alert.severity]} · ${alert.service ?? alert.name}`;
}

function worded(text: NotificationText, words: (text: NotificationText) => NotificationWords): Worded {
  const localized = Object.fromEntries(
    LANGUAGES.map((language) => [language, words(NOTIFICATION_TEXTS[language])]),
  ) as Record<Language, NotificationWords>;
  return { ...words(text), localized };
}

/** One alert's notification in every language. */
export function alertIntent(alert: NotifiableAlert, text: NotificationText): AlertNotificationIntent {
  return {
    kind: 'alert',
    alertId: alert.id,
    severity: alert.severity,
    ...worded(text, (words) => ({
      title: plainLine(headline(alert, words), TITLE_MAX),
      body: plainLine(alert.summary || alert.name, BODY_MAX),
    })),
  };
}

function summary(
  reason: SummaryNotificationIntent['reason'],
  alerts: readonly NotifiableAlert[],
  text: NotificationText,
): SummaryNotificationIntent {
  const sorted = worstFirst(alerts);
  const words = (words: NotificationText): NotificationWords => {
    const lines = sorted.slice(0, SUMMARY_LINES).map((alert) => plainLine(headline(alert, words), TITLE_MAX));
    if (sorted.length > SUMMARY_LINES) lines.push(words.andMore(sorted.length - SUMMARY_LINES));
    return {
      title: reason === 'backlog' ? words.backlogTitle(sorted.length) : words.stormTitle(sorted.length),
      body: lines.join('\n'),
    };
  };
  return {
    kind: 'summary',
    reason,
    count: sorted.length,
    severity: sorted[0]?.severity ?? 'info',
    alertIds: sorted.map((alert) => alert.id),
    ...worded(text, words),
  };
}
