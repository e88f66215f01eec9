import type Database from 'better-sqlite3';
import type { ScenarioStatus } from '../../domain/index.js';

/**
 * The last status of each GOC scenario computed from Prometheus, keyed by the scenario's definition
 * (see migration 0011): what `GET /api/scenarios` answers, marked stale, when Prometheus cannot be
 * asked. Not a polled domain: no `DomainWriter`, never forgotten by a poll.
 */
export interface IScenarioStore {
  /** Replaces the stored status of one scenario, computed from its definition `definitionKey`. */
  save(status: ScenarioStatus, definitionKey: string): void;
  /** The stored status of the scenario, when it was computed from the same definition. */
  last(id: string, definitionKey: string): ScenarioStatus | undefined;
  /** Drops the scenarios no longer configured; returns rows removed. */
  forgetExcept(ids: readonly string[]): number;
}

/** The `scenario_status` table. */
export class SqliteScenarioStore implements IScenarioStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      upsert: db.prepare<[string, string, string, string]>(`
        INSERT INTO scenario_status (scenario_id, definition_key, updated_at, status_json) VALUES (?, ?, ?, ?)
        ON CONFLICT (scenario_id) DO UPDATE SET definition_key = excluded.definition_key,
          updated_at = excluded.updated_at, status_json = excluded.status_json`),
      one: db
        .prepare<[string, string], string>(
          'SELECT status_json FROM scenario_status WHERE scenario_id = ? AND definition_key = ?',
        )
        .pluck(),
      forgetExcept: db.prepare<[string]>(
        'DELETE FROM scenario_status WHERE scenario_id NOT IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  save(status: ScenarioStatus, definitionKey: string): void {
    this.statements.upsert.run(status.id, definitionKey, status.updatedAt, JSON.stringify(status));
  }

  last(id: string, definitionKey: string): ScenarioStatus | undefined {
    const json = this.statements.one.get(id, definitionKey);
    return json === undefined ? undefined : (JSON.parse(json) as ScenarioStatus);
  }

  forgetExcept(ids: readonly string[]): number {
    return this.statements.forgetExcept.run(JSON.stringify(ids)).changes;
  }
}
