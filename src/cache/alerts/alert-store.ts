import type Database from 'better-sqlite3';
import { ALERT_STATES } from '../../domain/index.js';
import type {
  Alert,
  AlertCounts,
  AlertFilter,
  AlertHistoryEvent,
  AlertState,
  BoardPart,
  BoardPick,
  Page,
  Snapshot,
  Timeline,
} from '../../domain/index.js';
import type { Logger } from '../../logger.js';
import { CacheError, errorMessage } from '../errors.js';
import { inTransaction } from '../transaction.js';
import type { StagedWrite } from '../transaction.js';
import { buildAlertQuery } from './alert-queries.js';
import type { AlertQuery } from './alert-queries.js';
import {
  ALERT_COLUMNS,
  alertFromRow,
  alertRowParams,
  historyEventFromRow,
  severityFromRank,
  storedStateFromRow,
} from './alert-rows.js';
import type { AlertRow } from './alert-rows.js';
import { prepareStatements } from './alert-statements.js';
import type { AlertStatements } from './alert-statements.js';
import { diffSnapshot, storedStateOf } from './diff.js';
import type { SnapshotDiff, StoredAlertState } from './diff.js';
import { createTimelineReader } from './timeline.js';
import type { TimelineReader } from './timeline.js';
import type { ApplyResult, FiringSummary, IAlertStore } from './types.js';

export type AlertStoreOptions = Readonly<{
  logger: Logger;
  /** Sources whose last poll failed: their alerts are returned marked stale. */
  staleSources: () => ReadonlySet<string>;
}>;

/** Dynamic list queries differ only by which filters are present; this bounds the statement cache. */
const MAX_CACHED_LIST_STATEMENTS = 200;
const MAX_HISTORY_LIMIT = 10_000;
const OPTIMIZE_AFTER_INSERTS = 1000;
/** A label pair on at least this many alerts is "common" for the list plan (see buildAlertQuery). */
const COMMON_LABEL_ALERTS = 2000;

/** Reads `rank|start|id` (BOARD_PICK in alert-statements.ts). */
function boardPick(text: string): BoardPick {
  const [rank = '', start = '', ...id] = text.split('|');
  return {
    id: id.join('|'),
    severity: severityFromRank(9 - Number(rank)),
    startsAt: new Date(Number(start)).toISOString(),
  };
}

/** The IAlertStore on the cache's better-sqlite3 connection. Synchronous: run it off the UI thread. */
type FiringSummaryRow = Readonly<{
  id: string;
  source_id: string;
  name: string;
  severity_rank: number;
  summary: string;
  service: string | null;
  starts_at: number;
}>;

export class SqliteAlertStore implements IAlertStore {
  private readonly statements: AlertStatements;
  private readonly firingSummariesStatement: Database.Statement<[number, number], FiringSummaryRow>;
  private readonly readTimeline: TimelineReader;
  private readonly listStatements = new Map<string, Database.Statement>();
  /**
   * Counts depend only on the table, which only this object writes: they are kept until the next
   * write. Every screen asks for the same counts after each poll (100k alerts: ~6 ms per count).
   */
  private readonly counts = new Map<string, number>();
  private overviewCounts: AlertCounts | undefined;
  /** The notifier's last read, until the next write. */
  private firingRead: { minRank: number; limit: number; items: readonly FiringSummary[] } | undefined;
  /** Per source, what the last applied poll left in the table; loaded from the file on first use. */
  private readonly storedStates = new Map<string, Map<string, StoredAlertState>>();

  constructor(
    private readonly db: Database.Database,
    private readonly options: AlertStoreOptions,
  ) {
    this.statements = prepareStatements(db);
    // The notifier's read: narrow columns of firing alerts from their partial covering index, in its
    // order (migration 11). The planner prefers alerts_by_state's equality on state without the hint.
    this.firingSummariesStatement = db.prepare<[number, number], FiringSummaryRow>(
      `SELECT id, source_id, name, severity_rank, summary, service, starts_at
       FROM alerts INDEXED BY alerts_firing_for_notifier
       WHERE state = 'firing' AND severity_rank >= ? ORDER BY severity_rank DESC, starts_at, id LIMIT ?`,
    );
    this.readTimeline = createTimelineReader(db);
  }

  applySnapshot(snapshot: Snapshot): ApplyResult {
    const staged = this.stageSnapshot(snapshot);
    try {
      inTransaction(this.db, staged.write);
    } catch (error) {
      throw new CacheError(
        `could not save the alerts of source "${snapshot.sourceId}" to cache file ${this.db.name}: ${errorMessage(error)}`,
        'write-failed',
        { cause: error },
      );
    }
    return staged.committed();
  }

  /**
   * Diffs a snapshot against what the source left in the table. `write` must run inside a
   * transaction (`applySnapshot`, or the cache's `applyPoll` with the source's status);
   * `committed` only after it commits, so a rolled-back poll leaves memory in step with the file.
   */
  stageSnapshot(snapshot: Snapshot): StagedWrite<ApplyResult> {
    const stored = this.storedStatesOf(snapshot.sourceId);
    const diff = diffSnapshot(stored, snapshot);
    const fallbackMs = Date.parse(snapshot.takenAt);
    return {
      write: () => this.writeDiff(diff, fallbackMs),
      committed: () => this.diffCommitted(snapshot.sourceId, stored, diff),
    };
  }

  sourceHashLookup(sourceId: string): (alertId: string) => string | undefined {
    return (alertId) => {
      const state = this.storedStatesOf(sourceId).get(alertId);
      return state === undefined || state.state === 'resolved' ? undefined : state.sourceHash;
    };
  }

  forgetSourcesExcept(sourceIds: readonly string[]): number {
    const removed = this.statements.forgetAlerts.run(JSON.stringify(sourceIds)).changes;
    this.tableChanged();
    for (const sourceId of [...this.storedStates.keys()]) {
      if (!sourceIds.includes(sourceId)) this.storedStates.delete(sourceId);
    }
    return removed;
  }

  listAlerts(filter: AlertFilter): Page<Alert> {
    const query = buildAlertQuery(filter, (key, value) => this.isCommonLabel(key, value));
    // Sort and page row ids first, then read the wide rows of one page only: SQLite's top-N sorter
    // would otherwise carry every candidate's JSON (100k alerts by startsAt: 310 ms → 12 ms).
    const rows = this.listStatement(
      `SELECT ${ALERT_COLUMNS} FROM alerts a WHERE a.rowid IN (
         SELECT a.rowid FROM alerts a WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT ? OFFSET ?)
       ORDER BY ${query.orderBy}`,
    ).all(...query.params, filter.limit, filter.offset) as AlertRow[];
    const total = filter.offset === 0 && rows.length < filter.limit ? rows.length : this.countMatching(query);
    const stale = this.staleSources();
    return { total, items: rows.map((row) => alertFromRow(row, stale)) };
  }

  getAlert(id: string): Alert | undefined {
    const row = this.statements.alertById.get(id);
    return row === undefined ? undefined : alertFromRow(row, this.staleSources());
  }

  getHistory(alertId: string, limit = 200): AlertHistoryEvent[] {
    const bounded = Math.min(Math.max(0, Math.trunc(limit)), MAX_HISTORY_LIMIT);
    return this.statements.history.all(alertId, bounded).map(historyEventFromRow);
  }

  firingSummaries(minRank: number, limit: number): readonly FiringSummary[] {
    const bound = Math.max(0, Math.trunc(limit));
    // Kept until the next write (the notifier also checks every few seconds between polls).
    let read = this.firingRead;
    if (read?.minRank !== minRank || read.limit !== bound) {
      const items = this.firingSummariesStatement.all(minRank, bound).map((row): FiringSummary => ({
        id: row.id,
        sourceId: row.source_id,
        name: row.name,
        severity: severityFromRank(row.severity_rank),
        state: 'firing',
        summary: row.summary,
        ...(row.service === null ? {} : { service: row.service }),
        startsAt: new Date(row.starts_at).toISOString(),
        stale: false,
      }));
      read = { minRank, limit: bound, items };
      this.firingRead = read;
    }
    const stale = this.staleSources();
    if (stale.size === 0) return read.items;
    return read.items.map((item) => (stale.has(item.sourceId) ? { ...item, stale: true } : item));
  }

  boardParts(): BoardPart[] {
    return this.statements.boardParts.all().map((row) => {
      const worstFiring = row.worst_firing === null ? undefined : boardPick(row.worst_firing);
      return {
        sourceId: row.source_id,
        ...(row.service === null ? {} : { service: row.service }),
        name: row.name,
        count: row.count,
        firing: row.firing,
        acknowledged: row.acknowledged,
        silenced: row.silenced,
        oldestStartsAt: new Date(row.oldest).toISOString(),
        ...(worstFiring === undefined ? {} : { worstFiring }),
        worstAny: boardPick(row.worst_any),
      };
    });
  }

  countAlerts(): AlertCounts {
    this.overviewCounts ??= this.readCounts();
    return { firing: { ...this.overviewCounts.firing }, byState: { ...this.overviewCounts.byState } };
  }

  private readCounts(): AlertCounts {
    const firing = { critical: 0, high: 0, warning: 0, info: 0 };
    const byState = Object.fromEntries(ALERT_STATES.map((state) => [state, 0])) as Record<AlertState, number>;
    for (const row of this.statements.countByStateAndSeverity.all()) {
      byState[row.state] += row.count;
      if (row.state === 'firing') firing[severityFromRank(row.severity_rank)] += row.count;
    }
    return { firing, byState };
  }

  timeline(fromMs: number, toMs: number, bucketMs: number): Timeline {
    return this.readTimeline(fromMs, toMs, bucketMs);
  }

  /** Also deletes resolved alerts that ended before the cutoff. Returns the history rows removed. */
  pruneHistory(olderThanMs: number): number {
    const { historyRows, alerts } = inTransaction(this.db, () => ({
      historyRows: this.statements.pruneHistory.run({ cutoff: olderThanMs }).changes,
      alerts: this.statements.pruneResolved.all(olderThanMs),
    }));
    this.tableChanged();
    for (const alert of alerts) this.storedStates.get(alert.source_id)?.delete(alert.id);
    if (historyRows > 0 || alerts.length > 0) {
      this.options.logger.info('cache: pruned history and resolved alerts', {
        before: new Date(olderThanMs).toISOString(),
        historyRows,
        resolvedAlerts: alerts.length,
      });
    }
    return historyRows;
  }

  private writeDiff(diff: SnapshotDiff, fallbackMs: number): void {
    const statements = this.statements;
    for (const write of diff.writes) {
      const { record } = write;
      const labelsJson = JSON.stringify(record.labels);
      // Labels rarely change (for Alertmanager they define the fingerprint): rewrite their rows only
      // when they did, which saves most of the index work of a changed alert.
      const labelsBefore = write.existing ? statements.labelsJsonOf.get(record.id) : undefined;
      statements.upsertAlert.run(
        ...alertRowParams(record, write.hash, fallbackMs, labelsJson, write.sourceHash ?? null),
      );
      if (labelsBefore !== labelsJson) {
        if (labelsBefore !== undefined) statements.deleteLabels.run(record.id, labelsBefore);
        for (const [key, value] of Object.entries(record.labels)) {
          statements.insertLabel.run(record.id, key, value);
        }
      }
    }
    for (const update of diff.sourceHashUpdates) {
      statements.setSourceHash.run(update.sourceHash ?? null, update.id);
    }
    for (const resolution of diff.resolutions) {
      statements.resolveAlert.run({ ...resolution, endsAtMs: Date.parse(resolution.endsAt) });
    }
    for (const event of diff.events) {
      statements.insertHistory.run(
        event.alertId,
        event.sourceId,
        Date.parse(event.at),
        event.kind,
        event.severity,
        event.state,
        event.detail ?? null,
        event.name,
        event.service ?? null,
      );
    }
  }

  private diffCommitted(
    sourceId: string,
    stored: Map<string, StoredAlertState>,
    diff: SnapshotDiff,
  ): ApplyResult {
    this.tableChanged();
    // Only after the commit, so a rolled-back poll leaves memory in step with the file.
    for (const write of diff.writes) {
      stored.set(write.record.id, storedStateOf(write.record, write.hash, write.sourceHash));
    }
    for (const { id, sourceHash } of diff.sourceHashUpdates) {
      const before = stored.get(id);
      if (before === undefined) continue;
      const { sourceHash: _old, ...rest } = before;
      stored.set(id, sourceHash === undefined ? rest : { ...rest, sourceHash });
    }
    if (diff.unconfirmed > 0) {
      this.options.logger.warn('cache: a poll listed alerts as unchanged that the cache could not confirm', {
        sourceId,
        alerts: diff.unconfirmed,
      });
    }
    for (const { id } of diff.resolutions) {
      const before = stored.get(id);
      if (before !== undefined) stored.set(id, { ...before, state: 'resolved' });
    }
    // Planner statistics decide whether filtered lists walk the sort index; after a big arrival
    // (first poll, a storm) let SQLite refresh them. A no-op when they are still accurate.
    if (diff.inserted >= OPTIMIZE_AFTER_INSERTS) this.db.pragma('optimize');
    return { events: diff.events, inserted: diff.inserted, updated: diff.updated, resolved: diff.resolved };
  }

  /** Whether at least COMMON_LABEL_ALERTS rows carry this pair (an index range, read at most that far). */
  private isCommonLabel(key: string, value: string): boolean {
    return this.statements.labelPairSample.get(key, value, COMMON_LABEL_ALERTS) === COMMON_LABEL_ALERTS;
  }

  private tableChanged(): void {
    this.counts.clear();
    this.overviewCounts = undefined;
    this.firingRead = undefined;
  }

  private countMatching(query: AlertQuery): number {
    const key = `${query.where}\u0000${JSON.stringify(query.params)}`;
    let count = this.counts.get(key);
    if (count === undefined) {
      const sql = `SELECT count(*) FROM alerts a WHERE ${query.where}`;
      count = this.listStatement(sql)
        .pluck()
        .get(...query.params) as number;
      if (this.counts.size >= MAX_CACHED_LIST_STATEMENTS) this.counts.clear();
      this.counts.set(key, count);
    }
    return count;
  }

  private staleSources(): ReadonlySet<string> {
    return this.options.staleSources();
  }

  private storedStatesOf(sourceId: string): Map<string, StoredAlertState> {
    let states = this.storedStates.get(sourceId);
    if (states === undefined) {
      states = new Map();
      for (const row of this.statements.storedStates.iterate(sourceId))
        states.set(row.id, storedStateFromRow(row));
      this.storedStates.set(sourceId, states);
    }
    return states;
  }

  /** Prepares (once) a list query built by `buildAlertQuery`: fixed fragments and placeholders only. */
  private listStatement(sql: string): Database.Statement {
    let statement = this.listStatements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.listStatements.size >= MAX_CACHED_LIST_STATEMENTS) {
        const oldest = this.listStatements.keys().next().value;
        if (oldest !== undefined) this.listStatements.delete(oldest);
      }
      this.listStatements.set(sql, statement);
    }
    return statement;
  }
}
