import type Database from 'better-sqlite3';
import type { SourceStatus } from '../../domain/index.js';
import type { ISourceStatusStore } from './types.js';

type SourceStatusStatements = Readonly<{
  upsert: Database.Statement<[string, string, string]>;
  all: Database.Statement<[], string>;
  stale: Database.Statement<[], string>;
  forgetExcept: Database.Statement<[string]>;
}>;

function prepareStatements(db: Database.Database): SourceStatusStatements {
  return {
    upsert: db.prepare<[string, string, string]>(`
      INSERT INTO source_status (source_id, state, status_json) VALUES (?, ?, ?)
      ON CONFLICT (source_id) DO UPDATE SET state = excluded.state, status_json = excluded.status_json`),
    all: db.prepare<[], string>('SELECT status_json FROM source_status ORDER BY source_id').pluck(),
    stale: db
      .prepare<[], string>("SELECT source_id FROM source_status WHERE state IN ('stale', 'error')")
      .pluck(),
    forgetExcept: db.prepare<[string]>(
      'DELETE FROM source_status WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
  };
}

/** The ISourceStatusStore on the cache's connection: one row per source, the status as JSON. */
export class SqliteSourceStatusStore implements ISourceStatusStore {
  private readonly statements: SourceStatusStatements;

  constructor(db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  save(status: SourceStatus): void {
    this.statements.upsert.run(status.sourceId, status.state, JSON.stringify(status));
  }

  list(): SourceStatus[] {
    return this.statements.all.all().map((json) => JSON.parse(json) as SourceStatus);
  }

  staleSourceIds(): ReadonlySet<string> {
    return new Set(this.statements.stale.all());
  }

  forgetSourcesExcept(sourceIds: readonly string[]): number {
    return this.statements.forgetExcept.run(JSON.stringify(sourceIds)).changes;
  }
}
