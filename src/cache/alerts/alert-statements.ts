import type Database from 'better-sqlite3';
import type { AlertState } from '../../domain/index.js';
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
export type BoardPartRow = Readonly<{
  source_id: string;
  service: string | null;
  name: string;
  count: number;
  firing: number;
  acknowledged: number;
  silenced: number;
  oldest: number;
  /** `rank|start|id` of the alert to open first (see BOARD_PICK): among firing ones, and among all. */
  worst_firing: string | null;
  worst_any: string;
}>;

/** Orders as text like the board's `worse`: worst severity, then oldest start, then smallest id. */
const BOARD_PICK = "printf('%d|%015d|%s', 9 - severity_rank, max(starts_at, 0), id)";

/** Every fixed statement of the alert store, prepared once per connection. */
export type AlertStatements = Readonly<{
  upsertAlert: Database.Statement<AlertRowParams>;
  labelsJsonOf: Database.Statement<[string], string>;
  deleteLabels: Database.Statement<[string, string]>;
  setSourceHash: Database.Statement<[string | null, string]>;
  labelPairSample: Database.Statement<[string, string, number], number>;
  insertLabel: Database.Statement<[string, string, string]>;
  resolveAlert: Database.Statement<[{ id: string; endsAt: string; endsAtMs: number }]>;
  insertHistory: Database.Statement<HistoryParams>;
  storedStates: Database.Statement<[string], StoredStateRow>;
  boardParts: Database.Statement<[], BoardPartRow>;
  alertById: Database.Statement<[string], AlertRow>;
  history: Database.Statement<[string, number], HistoryRow>;
  countByStateAndSeverity: Database.Statement<[], CountRow>;
  forgetAlerts: Database.Statement<[string]>;
  pruneHistory: Database.Statement<[{ cutoff: number }]>;
  pruneResolved: Database.Statement<[number], Readonly<{ id: string; source_id: string }>>;
}>;

export function prepareStatements(db: Database.Database): AlertStatements {
  return {
    upsertAlert: db.prepare<AlertRowParams>(UPSERT_ALERT_SQL),
    labelsJsonOf: db.prepare<[string], string>('SELECT labels_json FROM alerts WHERE id = ?').pluck(),
    // (alert id, its previous labels_json)
    deleteLabels: db.prepare<[string, string]>(`
      DELETE FROM alert_labels
      WHERE (key, value, alert_id) IN (SELECT j.key, j.value, ? FROM json_each(?) j)`),
    setSourceHash: db.prepare<[string | null, string]>('UPDATE alerts SET source_hash = ? WHERE id = ?'),
    labelPairSample: db
      .prepare<[string, string, number], number>(
        'SELECT count(*) FROM (SELECT 1 FROM alert_labels WHERE key = ? AND value = ? LIMIT ?)',
      )
      .pluck(),
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
    storedStates: db.prepare<[string], StoredStateRow>(STORED_STATE_SQL),
    alertById: db.prepare<[string], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts a WHERE a.id = ?`),
    history: db.prepare<[string, number], HistoryRow>(`
      SELECT alert_id, source_id, at, kind, severity, state, detail, name, service FROM alert_history
      WHERE alert_id = ? ORDER BY at DESC, id DESC LIMIT ?`),
    // The board's one read: active alerts added up per source, service and rule, from the covering
    // index alone (migration 3), never the wide rows.
    boardParts: db.prepare<[], BoardPartRow>(`
      SELECT source_id, service, name, count(*) AS count, sum(state = 'firing') AS firing,
        sum(state = 'acknowledged') AS acknowledged, sum(state = 'silenced') AS silenced,
        min(starts_at) AS oldest,
        min(CASE WHEN state = 'firing' THEN ${BOARD_PICK} END) AS worst_firing,
        min(${BOARD_PICK}) AS worst_any
      FROM alerts INDEXED BY alerts_for_board
      WHERE state IN ('firing', 'acknowledged', 'silenced')
      GROUP BY source_id, service, name`),
    countByStateAndSeverity: db.prepare<[], CountRow>(
      'SELECT state, severity_rank, count(*) AS count FROM alerts GROUP BY state, severity_rank',
    ),
    forgetAlerts: db.prepare<[string]>(
      'DELETE FROM alerts WHERE source_id NOT IN (SELECT value FROM json_each(?))',
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
