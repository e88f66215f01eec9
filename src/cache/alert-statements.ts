import type Database from 'better-sqlite3';
import type { AlertState } from '../domain/index.js';
import { ALERT_COLUMNS, STORED_STATE_SQL, UPSERT_ALERT_SQL } from './alert-rows.js';
import type { AlertRow, AlertRowParams, HistoryRow, StoredStateRow } from './alert-rows.js';

type HistoryParams = [
  alertId: string,
  sourceId: string,
  at: number,
  kind: string,
  severity: string,
  state: string,
  detail: string | null,
  name: string,
  service: string | null,
];

type CountRow = Readonly<{ state: AlertState; severity_rank: number; count: number }>;
export type BoardRow = Readonly<{
  id: string;
  source_id: string;
  service: string | null;
  name: string;
  severity_rank: number;
  state: AlertState;
  starts_at: number;
}>;

/** Every fixed statement of the alert cache, prepared once per connection. */
export type AlertStatements = Readonly<{
  upsertAlert: Database.Statement<AlertRowParams>;
  labelsJsonOf: Database.Statement<[string], string>;
  deleteLabels: Database.Statement<[string]>;
  setSourceHash: Database.Statement<[string | null, string]>;
  insertLabel: Database.Statement<[string, string, string]>;
  resolveAlert: Database.Statement<[{ id: string; endsAt: string; endsAtMs: number }]>;
  insertHistory: Database.Statement<HistoryParams>;
  upsertStatus: Database.Statement<[string, string, string]>;
  storedStates: Database.Statement<[string], StoredStateRow>;
  statuses: Database.Statement<[], string>;
  staleSources: Database.Statement<[], string>;
  boardRows: Database.Statement<[], BoardRow>;
  alertById: Database.Statement<[string], AlertRow>;
  history: Database.Statement<[string, number], HistoryRow>;
  countByStateAndSeverity: Database.Statement<[], CountRow>;
  forgetAlerts: Database.Statement<[string]>;
  forgetStatuses: Database.Statement<[string]>;
  pruneHistory: Database.Statement<[{ cutoff: number }]>;
  pruneResolved: Database.Statement<[number], Readonly<{ id: string; source_id: string }>>;
}>;

export function prepareStatements(db: Database.Database): AlertStatements {
  return {
    upsertAlert: db.prepare<AlertRowParams>(UPSERT_ALERT_SQL),
    labelsJsonOf: db.prepare<[string], string>('SELECT labels_json FROM alerts WHERE id = ?').pluck(),
    deleteLabels: db.prepare<[string]>('DELETE FROM alert_labels WHERE alert_id = ?'),
    setSourceHash: db.prepare<[string | null, string]>('UPDATE alerts SET source_hash = ? WHERE id = ?'),
    insertLabel: db.prepare<[string, string, string]>(
      'INSERT INTO alert_labels (alert_id, key, value) VALUES (?, ?, ?)',
    ),
    resolveAlert: db.prepare<[{ id: string; endsAt: string; endsAtMs: number }]>(`
      UPDATE alerts SET state = 'resolved', ends_at = @endsAtMs, updated_at = @endsAtMs,
        record_json = json_set(record_json, '$.state', 'resolved', '$.endsAt', @endsAt, '$.updatedAt', @endsAt)
      WHERE id = @id`),
    insertHistory: db.prepare<HistoryParams>(`
      INSERT INTO alert_history (alert_id, source_id, at, kind, severity, state, detail, name, service)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    upsertStatus: db.prepare<[string, string, string]>(`
      INSERT INTO source_status (source_id, state, status_json) VALUES (?, ?, ?)
      ON CONFLICT (source_id) DO UPDATE SET state = excluded.state, status_json = excluded.status_json`),
    storedStates: db.prepare<[string], StoredStateRow>(STORED_STATE_SQL),
    statuses: db.prepare<[], string>('SELECT status_json FROM source_status ORDER BY source_id').pluck(),
    staleSources: db
      .prepare<[], string>("SELECT source_id FROM source_status WHERE state IN ('stale', 'error')")
      .pluck(),
    alertById: db.prepare<[string], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts a WHERE a.id = ?`),
    history: db.prepare<[string, number], HistoryRow>(`
      SELECT alert_id, source_id, at, kind, severity, state, detail, name, service FROM alert_history
      WHERE alert_id = ? ORDER BY at DESC, id DESC LIMIT ?`),
    // The board's slim read: only the columns it groups on, never the JSON blobs.
    boardRows: db.prepare<[], BoardRow>(`
      SELECT id, source_id, service, name, severity_rank, state, starts_at FROM alerts
      WHERE state IN ('firing', 'acknowledged', 'silenced')`),
    countByStateAndSeverity: db.prepare<[], CountRow>(
      'SELECT state, severity_rank, count(*) AS count FROM alerts GROUP BY state, severity_rank',
    ),
    forgetAlerts: db.prepare<[string]>(
      'DELETE FROM alerts WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
    forgetStatuses: db.prepare<[string]>(
      'DELETE FROM source_status WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
    // Keeps, for each alert still active, its last event before the cutoff: it holds the alert's state
    // at the cutoff, without which an alert firing for longer than the retention would vanish from the
    // timeline.
    pruneHistory: db.prepare<[{ cutoff: number }]>(`
      DELETE FROM alert_history
      WHERE at < @cutoff AND id NOT IN (
        SELECT max(h.id) FROM alert_history h
        JOIN alerts a ON a.id = h.alert_id AND a.state <> 'resolved'
        WHERE h.at < @cutoff
        GROUP BY h.alert_id)`),
    pruneResolved: db.prepare<[number], Readonly<{ id: string; source_id: string }>>(
      "DELETE FROM alerts WHERE state = 'resolved' AND ends_at < ? RETURNING id, source_id",
    ),
  };
}
