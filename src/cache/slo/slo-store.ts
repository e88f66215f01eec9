import type Database from 'better-sqlite3';
import type { SloSnapshot, SloState, SloStatus } from '../../domain/index.js';
import type { StagedWrite } from '../transaction.js';

/** What writing one SLO evaluation changed. */
export type SloApplied = Readonly<{ written: number; removed: number; changed: boolean }>;

/** One stored point of an SLO's history. */
export type SloHistoryRow = Readonly<{
  at: number;
  state: SloState;
  availability: number | null;
  remaining: number | null;
  burn1h: number | null;
}>;

export interface ISloStore {
  /** Every SLO's latest status, `stale` set when its source's last poll failed. */
  list(): SloStatus[];
  get(id: string): SloStatus | undefined;
  /** Stored evaluations of one SLO since `fromMs`, oldest first. */
  history(id: string, fromMs: number): SloHistoryRow[];
  /** Deletes history older than the cutoff; returns rows removed. */
  pruneHistory(olderThanMs: number): number;
}

type Row = Readonly<{ source_id: string; status_json: string }>;

/** The SLO domain of the cache: latest status per SLO and its evaluation history. */
export class SqliteSloStore implements ISloStore {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly staleSources: () => ReadonlySet<string>,
  ) {
    this.statements = {
      upsert: db.prepare<[string, string, string, string]>(`
        INSERT INTO slo_status (slo_id, source_id, state, status_json) VALUES (?, ?, ?, ?)
        ON CONFLICT (slo_id) DO UPDATE SET source_id = excluded.source_id, state = excluded.state, status_json = excluded.status_json`),
      history: db.prepare<[string, number, string, number | null, number | null, number | null]>(`
        INSERT OR REPLACE INTO slo_history (slo_id, at, state, availability, remaining, burn_1h) VALUES (?, ?, ?, ?, ?, ?)`),
      all: db.prepare<[], Row>('SELECT source_id, status_json FROM slo_status'),
      one: db.prepare<[string], string>('SELECT status_json FROM slo_status WHERE slo_id = ?').pluck(),
      removeMissing: db.prepare<[string, string]>(
        'DELETE FROM slo_status WHERE source_id = ? AND slo_id NOT IN (SELECT value FROM json_each(?))',
      ),
      forgetExcept: db.prepare<[string]>(
        'DELETE FROM slo_status WHERE source_id NOT IN (SELECT value FROM json_each(?))',
      ),
      readHistory: db.prepare<[string, number], SloHistoryRow>(`
        SELECT at, state, availability, remaining, burn_1h AS burn1h FROM slo_history
        WHERE slo_id = ? AND at >= ? ORDER BY at`),
      prune: db.prepare<[number]>('DELETE FROM slo_history WHERE at < ?'),
      sourceOf: db.prepare<[string], string>('SELECT source_id FROM slo_status WHERE slo_id = ?').pluck(),
    };
  }

  private marked(status: SloStatus, staleSources: ReadonlySet<string>, sourceId: string): SloStatus {
    return staleSources.has(sourceId) && !status.stale ? { ...status, stale: true } : status;
  }

  list(): SloStatus[] {
    const stale = this.staleSources();
    return this.statements.all.all().map((row) => {
      return this.marked(JSON.parse(row.status_json) as SloStatus, stale, row.source_id);
    });
  }

  get(id: string): SloStatus | undefined {
    const json = this.statements.one.get(id);
    if (json === undefined) return undefined;
    return this.marked(
      JSON.parse(json) as SloStatus,
      this.staleSources(),
      this.statements.sourceOf.get(id) ?? '',
    );
  }

  history(id: string, fromMs: number): SloHistoryRow[] {
    return this.statements.readHistory.all(id, fromMs);
  }

  pruneHistory(olderThanMs: number): number {
    return this.statements.prune.run(olderThanMs).changes;
  }

  /**
   * Prepares one evaluation: fresh statuses replace the stored ones and add a history row; a failed
   * SLO keeps its last good numbers, marked stale with the new sentence (error only when it never had
   * numbers); SLOs no longer defined are dropped.
   */
  stage(snapshot: SloSnapshot): StagedWrite<SloApplied> {
    const at = Date.parse(snapshot.takenAt);
    const rows: SloStatus[] = [...snapshot.statuses];
    for (const failed of snapshot.failed) {
      const previous = this.get(failed.id);
      rows.push(
        previous && previous.state !== 'error'
          ? { ...previous, stale: true, problem: failed.problem }
          : failed,
      );
    }
    const ids = JSON.stringify(rows.map((status) => status.id));
    let removed = 0;
    return {
      write: () => {
        for (const status of rows) {
          this.statements.upsert.run(status.id, snapshot.sourceId, status.state, JSON.stringify(status));
        }
        for (const status of snapshot.statuses) {
          this.statements.history.run(
            status.id,
            at,
            status.state,
            status.availability ?? null,
            status.errorBudget.remaining ?? null,
            status.burnRates['1h'],
          );
        }
        removed = this.statements.removeMissing.run(snapshot.sourceId, ids).changes;
      },
      committed: () => ({ written: rows.length, removed, changed: rows.length + removed > 0 }),
    };
  }

  forgetSourcesExcept(sourceIds: readonly string[]): number {
    return this.statements.forgetExcept.run(JSON.stringify(sourceIds)).changes;
  }
}
