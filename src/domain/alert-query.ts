/**
 * What the cache answers about alerts, in the shapes the api hands on: the parsed list filter, a
 * page, counts, the timeline and the board's parts. Plain data: the api's zod schemas produce these,
 * the cache reads and returns them, and neither imports the other.
 */
import type { AlertState } from './alert.js';
import type { Severity } from './severity.js';

export const ALERT_SORTS = ['severity', 'startsAt', 'name', 'service', 'source'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** A list filter with its defaults applied (what `alertFilterSchema` parses to). */
export type AlertFilter = Readonly<{
  severity?: readonly Severity[];
  state?: readonly AlertState[];
  source?: readonly string[];
  service?: string;
  /** Free text over name, summary, service and label values. */
  q?: string;
  /** `key=value` label matchers, all of which must hold. */
  label?: readonly string[];
  /** Only alerts nobody has claimed (the api turns it into `excludeIds`). */
  unclaimed?: boolean;
  /** Leave these alerts out (set by the api, never sent by a client: the claimed ones). */
  excludeIds?: readonly string[];
  sort: AlertSort;
  limit: number;
  offset: number;
}>;

export type Page<T> = Readonly<{ total: number; items: readonly T[] }>;

export type SeverityCounts = Readonly<Record<Severity, number>>;

/** The alert counts of the overview. */
export type AlertCounts = Readonly<{
  /** Alerts in state firing (not silenced, not acknowledged), by severity. */
  firing: SeverityCounts;
  byState: Readonly<Record<AlertState, number>>;
}>;

/** Firing alerts over time, per severity, counted from history: one point per bucket. */
export type Timeline = Readonly<{
  from: string;
  to: string;
  bucketMinutes: number;
  /**
   * The cockpit's first history record, when it is later than `from`: before it the chart knows
   * nothing (the cockpit was not running), which is not the same as zero alerts.
   */
  historyStartsAt?: string;
  /**
   * Set when the span before the cockpit's first record (`until`) was filled from the backends' own
   * alert history (Prometheus's `ALERTS` of these sources), so the whole chart is known.
   */
  backfill?: Readonly<{ until: string; sourceIds: readonly string[] }>;
  /** Why the span before `historyStartsAt` could not be filled (it stays shaded). */
  backfillError?: string;
  buckets: readonly Readonly<{ at: string } & SeverityCounts>[];
}>;

/** The alert a group opens first, as its severity and start decide. */
export type BoardPick = Readonly<{ id: string; severity: Severity; startsAt: string }>;

/**
 * The alerts of one source, service and rule, added up: what the cache reads for the board (one row
 * per part instead of one per alert), and what `groupBoardParts` merges into groups.
 */
export type BoardPart = Readonly<{
  sourceId: string;
  service?: string;
  name: string;
  count: number;
  firing: number;
  acknowledged: number;
  silenced: number;
  oldestStartsAt: string;
  /** Worst severity, then longest running, then smallest id: among firing alerts, and among all. */
  worstFiring?: BoardPick;
  worstAny: BoardPick;
}>;
