import type { AlertFilter, Overview, Page, Timeline } from '../api/contract.js';
import type { BoardPart } from '../analysis/board.js';
import type { Alert, AlertHistoryEvent, Snapshot, SourceStatus } from '../domain/index.js';

export type ApplyResult = Readonly<{
  /** History events written by this apply (empty when nothing changed). */
  events: readonly AlertHistoryEvent[];
  /** Alerts inserted, updated (meaningfully) and resolved. */
  inserted: number;
  updated: number;
  resolved: number;
}>;

/** The local SQLite cache: current alerts, source status and append-only alert history. */
export interface IAlertCache {
  /** Applies a successful poll in one transaction: writes only what changed, appends history. */
  applySnapshot(snapshot: Snapshot, status: SourceStatus): ApplyResult;
  /**
   * The source hash stored for each active alert of a source (see Snapshot.sourceHashes); what a
   * connector compares with to list alerts as unchanged. Reflects every snapshot applied so far.
   */
  sourceHashLookup(sourceId: string): (alertId: string) => string | undefined;
  /** Records a failed poll: the source's alerts stay, marked stale. */
  saveSourceStatus(status: SourceStatus): void;
  listSourceStatuses(): SourceStatus[];
  /** Drops the alerts and status of sources no longer configured; their history stays until pruned. */
  forgetSourcesExcept(sourceIds: readonly string[]): void;
  listAlerts(filter: AlertFilter): Page<Alert>;
  getAlert(id: string): Alert | undefined;
  getHistory(alertId: string, limit?: number): AlertHistoryEvent[];
  countAlerts(): Pick<Overview, 'firing' | 'byState'>;
  /** Every firing, acknowledged or silenced alert, added up per source, service and rule for the board. */
  boardParts(): BoardPart[];
  timeline(fromMs: number, toMs: number, bucketMs: number): Timeline;
  /**
   * Deletes history older than the cutoff (except the last event of each still-active alert, which
   * the timeline needs) and resolved alerts that ended before it; returns history rows removed.
   */
  pruneHistory(olderThanMs: number): number;
  close(): void;
}
