import type Database from 'better-sqlite3';
import type { ChangeBatch, ChangeRecord, FreezeWindow } from '../../domain/index.js';
import { CacheError, errorMessage } from '../errors.js';
import { inTransaction } from '../transaction.js';
import type { StagedWrite } from '../transaction.js';
import type { ChangeQuery, ChangesApplied, IChangeStore, StoredChange } from './types.js';

type Row = Readonly<{ source_id: string; record_json: string }>;
type ListParams = Readonly<{
  earliest: number;
  from: number;
  to: number;
  kinds: string | null;
  environments: string | null;
  services: string | null;
  limit: number;
}>;
type Statements = ReturnType<typeof prepare>;

/**
 * The longest a change is expected to run (a week): range reads look back this far for changes still
 * running into the range, which keeps them on the start index. A longer change is found only by its start.
 */
export const LONGEST_CHANGE_MS = 7 * 86_400_000;

function prepare(db: Database.Database) {
  return {
    inRange: db.prepare<[string, number, number, number], { id: string; record_json: string }>(
      'SELECT id, record_json FROM changes WHERE source_id = ? AND starts_at >= ? AND starts_at < ? AND ends_at >= ?',
    ),
    upsert: db.prepare<[string, string, number, number, string, string | null, string, string]>(`
      INSERT INTO changes (id, source_id, starts_at, ends_at, kind, environment, services_json, record_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET source_id = excluded.source_id, starts_at = excluded.starts_at,
        ends_at = excluded.ends_at, kind = excluded.kind, environment = excluded.environment,
        services_json = excluded.services_json, record_json = excluded.record_json`),
    remove: db.prepare<[string]>('DELETE FROM changes WHERE id = ?'),
    list: db.prepare<[ListParams], Row>(`
      SELECT source_id, record_json FROM changes
      WHERE starts_at >= @earliest AND starts_at < @to AND ends_at >= @from
        AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
        AND (@environments IS NULL OR environment IN (SELECT value FROM json_each(@environments)))
        AND (@services IS NULL OR EXISTS (SELECT 1 FROM json_each(services_json) s
                                          WHERE s.value IN (SELECT value FROM json_each(@services))))
      ORDER BY starts_at, id LIMIT @limit`),
    candidates: db.prepare<[{ earliest: number; lookFrom: number; at: number }], Row>(`
      SELECT source_id, record_json FROM changes
      WHERE starts_at >= @earliest AND starts_at <= @at AND (starts_at >= @lookFrom OR ends_at > @at)
      ORDER BY starts_at, id`),
    freezesOf: db
      .prepare<[string], string>(
        'SELECT window_json FROM freeze_windows WHERE source_id = ? ORDER BY starts_at, window_json',
      )
      .pluck(),
    freezesIn: db
      .prepare<[number, number], string>(
        'SELECT window_json FROM freeze_windows WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at, window_json',
      )
      .pluck(),
    deleteFreezesInRange: db.prepare<[string, number, number]>(
      'DELETE FROM freeze_windows WHERE source_id = ? AND starts_at < ? AND ends_at >= ?',
    ),
    insertFreeze: db.prepare<[string, number, number, string]>(
      'INSERT INTO freeze_windows (source_id, starts_at, ends_at, window_json) VALUES (?, ?, ?, ?)',
    ),
    pruneChanges: db.prepare<[number]>('DELETE FROM changes WHERE ends_at < ?'),
    pruneFreezes: db.prepare<[number]>('DELETE FROM freeze_windows WHERE ends_at < ?'),
    forgetChanges: db.prepare<[string]>(
      'DELETE FROM changes WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
    forgetFreezes: db.prepare<[string]>(
      'DELETE FROM freeze_windows WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
  };
}

const jsonList = (values: readonly string[] | undefined) =>
  values === undefined || values.length === 0 ? null : JSON.stringify(values);

/** The IChangeStore on the cache's connection. */
export class SqliteChangeStore implements IChangeStore {
  private readonly statements: Statements;

  constructor(
    private readonly db: Database.Database,
    private readonly staleSources: () => ReadonlySet<string>,
  ) {
    this.statements = prepare(db);
  }

  applyBatch(batch: ChangeBatch): ChangesApplied {
    const staged = this.stageBatch(batch);
    try {
      inTransaction(this.db, staged.write);
    } catch (error) {
      throw new CacheError(
        `could not save the changes of source "${batch.sourceId}" to cache file ${this.db.name}: ${errorMessage(error)}`,
        'write-failed',
        { cause: error },
      );
    }
    return staged.committed();
  }

  /** Diffs the batch against the source's rows in its range; `write` runs inside the poll's transaction. */
  stageBatch(batch: ChangeBatch): StagedWrite<ChangesApplied> {
    const fromMs = Date.parse(batch.from);
    const toMs = Date.parse(batch.to);
    // A change overlaps the range when it ends at or after its start and starts before its end; the
    // start bound keeps the scan on the index (no change runs longer than LONGEST_CHANGE_MS).
    const existing = new Map(
      this.statements.inRange
        .all(batch.sourceId, fromMs - LONGEST_CHANGE_MS, toMs, fromMs)
        .map((row) => [row.id, row.record_json]),
    );
    const wanted = new Map<string, { record: ChangeRecord; json: string }>();
    for (const record of batch.changes) wanted.set(record.id, { record, json: JSON.stringify(record) });
    const writes = [...wanted.values()].filter(({ record, json }) => existing.get(record.id) !== json);
    const removals = [...existing.keys()].filter((id) => !wanted.has(id));
    const inserted = writes.filter(({ record }) => !existing.has(record.id)).length;

    const before = this.statements.freezesOf.all(batch.sourceId);
    const freezes = batch.freezes.map((window) => ({ window, json: JSON.stringify(window) }));
    return {
      write: () => {
        const { statements } = this;
        for (const id of removals) statements.remove.run(id);
        for (const { record, json } of writes) {
          statements.upsert.run(
            record.id,
            record.sourceId,
            Date.parse(record.startsAt),
            Date.parse(record.endsAt),
            record.kind,
            record.environment ?? null,
            JSON.stringify(record.services),
            json,
          );
        }
        statements.deleteFreezesInRange.run(batch.sourceId, toMs, fromMs);
        for (const { window, json } of freezes) {
          statements.insertFreeze.run(
            batch.sourceId,
            Date.parse(window.startsAt),
            Date.parse(window.endsAt),
            json,
          );
        }
      },
      committed: () => {
        const after = this.statements.freezesOf.all(batch.sourceId);
        return {
          inserted,
          updated: writes.length - inserted,
          removed: removals.length,
          freezesChanged: after.join('\n') !== before.join('\n'),
        };
      },
    };
  }

  private stored(rows: readonly Row[]): StoredChange[] {
    const stale = this.staleSources();
    return rows.map((row) => ({
      record: JSON.parse(row.record_json) as ChangeRecord,
      stale: stale.has(row.source_id),
    }));
  }

  listChanges(query: ChangeQuery): StoredChange[] {
    return this.stored(
      this.statements.list.all({
        earliest: query.fromMs - LONGEST_CHANGE_MS,
        from: query.fromMs,
        to: query.toMs,
        kinds: jsonList(query.kinds),
        environments: jsonList(query.environments),
        services: jsonList(query.services),
        limit: query.limit,
      }),
    );
  }

  changesBefore(atMs: number, lookBackMs: number): StoredChange[] {
    return this.stored(
      this.statements.candidates.all({
        earliest: atMs - LONGEST_CHANGE_MS,
        lookFrom: atMs - lookBackMs,
        at: atMs,
      }),
    );
  }

  freezeWindows(fromMs: number, toMs: number): FreezeWindow[] {
    return this.statements.freezesIn.all(toMs, fromMs).map((json) => JSON.parse(json) as FreezeWindow);
  }

  pruneBefore(cutoffMs: number): number {
    return inTransaction(
      this.db,
      () =>
        this.statements.pruneChanges.run(cutoffMs).changes +
        this.statements.pruneFreezes.run(cutoffMs).changes,
    );
  }

  forgetSourcesExcept(sourceIds: readonly string[]): number {
    const ids = JSON.stringify(sourceIds);
    return this.statements.forgetChanges.run(ids).changes + this.statements.forgetFreezes.run(ids).changes;
  }
}
