import type Database from 'better-sqlite3';
import type { AlertState, Severity, SeverityCounts, Timeline } from '../../domain/index.js';
import { severityFromRank } from './alert-rows.js';
import { CacheError } from '../errors.js';

/** A 6-hour chart at 1-minute buckets is 361 points; this cap only stops a runaway request. */
const MAX_BUCKETS = 10_000;

type StateRow = Readonly<{ severity: Severity; state: AlertState }>;
type EventRow = StateRow & Readonly<{ alert_id: string; at: number }>;

const FIRING_NOW_SQL = "SELECT id, severity_rank FROM alerts WHERE state = 'firing'";
const CHANGED_SINCE_SQL = `
  SELECT DISTINCT h.alert_id FROM alert_history h
  WHERE h.at > ? AND EXISTS (SELECT 1 FROM alerts a WHERE a.id = h.alert_id)`;
const LAST_EVENT_AT_SQL = `
  SELECT severity, state FROM alert_history WHERE alert_id = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1`;
const FIRST_EVENT_AT_SQL = 'SELECT MIN(at) FROM alert_history';
const EVENTS_BETWEEN_SQL = `
  SELECT alert_id, at, severity, state FROM alert_history WHERE at > ? AND at <= ? ORDER BY at, id`;

export type TimelineReader = (fromMs: number, toMs: number, bucketMs: number) => Timeline;

/**
 * Counts, at each instant from, from + bucket, … ≤ to, the alerts in state `firing` (not silenced,
 * acknowledged or resolved), by their severity at that instant. Only alerts the cache still holds
 * count, so alerts of forgotten sources drop out.
 *
 * Every history row carries the alert's severity and state right after the event, and every change
 * of either writes an event, so an alert's state at t is that of its last event at or before t. An
 * alert with no event after `from` has held its current state since before `from`: such alerts are
 * counted from the alerts table in one index scan, and only alerts with later events are replayed.
 */
export function createTimelineReader(db: Database.Database): TimelineReader {
  const firingNow = db.prepare<[], [string, number]>(FIRING_NOW_SQL).raw();
  const changedSince = db.prepare<[number], string>(CHANGED_SINCE_SQL).pluck();
  const lastEventAt = db.prepare<[string, number], StateRow>(LAST_EVENT_AT_SQL);
  const eventsBetween = db.prepare<[number, number], EventRow>(EVENTS_BETWEEN_SQL);
  const firstEventAt = db.prepare<[], number | null>(FIRST_EVENT_AT_SQL).pluck();

  return (fromMs, toMs, bucketMs) => {
    validate(fromMs, toMs, bucketMs);
    const changed = new Set(changedSince.all(fromMs));
    const counts: Record<Severity, number> = { critical: 0, high: 0, warning: 0, info: 0 };
    for (const [id, rank] of firingNow.iterate()) {
      if (!changed.has(id)) counts[severityFromRank(rank)] += 1;
    }

    const firing = new Map<string, Severity>(); // replayed alerts that are firing at the current instant
    const apply = (alertId: string, row: StateRow): void => {
      const before = firing.get(alertId);
      if (before !== undefined) {
        counts[before] -= 1;
        firing.delete(alertId);
      }
      if (row.state === 'firing') {
        counts[row.severity] += 1;
        firing.set(alertId, row.severity);
      }
    };
    for (const alertId of changed) {
      const last = lastEventAt.get(alertId, fromMs);
      if (last !== undefined) apply(alertId, last);
    }

    const buckets: ({ at: string } & SeverityCounts)[] = [{ at: new Date(fromMs).toISOString(), ...counts }];
    let instant = fromMs + bucketMs;
    for (const event of eventsBetween.iterate(fromMs, toMs)) {
      if (!changed.has(event.alert_id)) continue; // an alert the cache no longer holds
      while (event.at > instant && instant <= toMs) {
        buckets.push({ at: new Date(instant).toISOString(), ...counts });
        instant += bucketMs;
      }
      apply(event.alert_id, event);
    }
    for (; instant <= toMs; instant += bucketMs)
      buckets.push({ at: new Date(instant).toISOString(), ...counts });

    const first = firstEventAt.get() ?? null;
    const historyStartsAt = first === null ? toMs : first;
    return {
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      bucketMinutes: bucketMs / 60_000,
      ...(historyStartsAt > fromMs ? { historyStartsAt: new Date(historyStartsAt).toISOString() } : {}),
      buckets,
    };
  };
}

function validate(fromMs: number, toMs: number, bucketMs: number): void {
  const problem =
    !Number.isFinite(fromMs) || !Number.isFinite(toMs)
      ? 'from and to must be times'
      : !Number.isFinite(bucketMs) || bucketMs <= 0
        ? 'the bucket must be longer than zero'
        : toMs < fromMs
          ? 'to is before from'
          : (toMs - fromMs) / bucketMs > MAX_BUCKETS
            ? `it would have more than ${MAX_BUCKETS} points; use longer buckets`
            : undefined;
  if (problem !== undefined) {
    throw new CacheError(
      `cannot build the alert timeline from ${fromMs} to ${toMs} every ${bucketMs} ms: ${problem}`,
      'invalid-input',
    );
  }
}
