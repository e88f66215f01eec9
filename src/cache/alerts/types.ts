import type {
  Alert,
  AlertCounts,
  AlertFilter,
  AlertHistoryEvent,
  BoardPart,
  Page,
  Snapshot,
  Timeline,
} from '../../domain/index.js';

/** What the notifier reads of a firing alert: a few columns, never the wide row. */
export type FiringSummary = Pick<
  Alert,
  'id' | 'sourceId' | 'name' | 'severity' | 'state' | 'summary' | 'service' | 'startsAt' | 'stale'
>;

export type ApplyResult = Readonly<{
  /** History events written by this apply (empty when nothing changed). */
  events: readonly AlertHistoryEvent[];
  /** Alerts inserted, updated (meaningfully) and resolved. */
  inserted: number;
  updated: number;
  resolved: number;
}>;

/** The alerts domain of the cache: current alerts and their append-only history. */
export interface IAlertStore {
  /**
   * Applies a successful poll's alerts in one transaction: writes only what changed, appends history.
   * The source's status is not written; `Cache.applyPoll` writes both together.
   */
  applySnapshot(snapshot: Snapshot): ApplyResult;
  /**
   * The source hash stored for each active alert of a source (see Snapshot.sourceHashes); what a
   * connector compares with to list alerts as unchanged. Reflects every snapshot applied so far.
   */
  sourceHashLookup(sourceId: string): (alertId: string) => string | undefined;
  listAlerts(filter: AlertFilter): Page<Alert>;
  getAlert(id: string): Alert | undefined;
  getHistory(alertId: string, limit?: number): AlertHistoryEvent[];
  countAlerts(): AlertCounts;
  /** Firing alerts at or above a severity rank (critical 4 … info 1), worst first, at most `limit`. */
  firingSummaries(minRank: number, limit: number): readonly FiringSummary[];
  /** Every firing, acknowledged or silenced alert, added up per source, service and rule for the board. */
  boardParts(): BoardPart[];
  timeline(fromMs: number, toMs: number, bucketMs: number): Timeline;
  /**
   * Deletes history older than the cutoff (except the last event of each still-active alert, which
   * the timeline needs) and resolved alerts that ended before it; returns history rows removed.
   */
  pruneHistory(olderThanMs: number): number;
  /** Drops the alerts of sources not listed; their history stays until pruned. Returns alerts removed. */
  forgetSourcesExcept(sourceIds: readonly string[]): number;
}
