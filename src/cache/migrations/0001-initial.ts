import type { Migration } from './migration.js';

/**
 * Times are epoch milliseconds (INTEGER) so that sorting, ranges and pruning never depend on how a
 * backend spelled its ISO strings; the original strings stay in `record_json`.
 */
const INITIAL_SCHEMA = `
  CREATE TABLE alerts (
    id               TEXT PRIMARY KEY NOT NULL,
    source_id        TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    name             TEXT NOT NULL,
    severity_rank    INTEGER NOT NULL CHECK (severity_rank BETWEEN 1 AND 4), -- critical 4 … info 1
    state            TEXT NOT NULL,    -- an AlertState; checked in code so new states need no migration
    starts_at        INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    ends_at          INTEGER,          -- set only once the alert is resolved
    service          TEXT,
    summary          TEXT NOT NULL,
    silenced_by      TEXT,             -- JSON array of silence ids; NULL when not silenced
    acked_by         TEXT,
    search_text      TEXT NOT NULL,    -- lower-cased name, summary, service and label values (filter q)
    labels_json      TEXT NOT NULL,
    annotations_json TEXT NOT NULL,
    record_json      TEXT NOT NULL,    -- every other AlertRecord field, as the connector reported it
    hash             TEXT NOT NULL     -- change hash; excludes updatedAt and endsAt
  );
  -- The default list (not resolved, worst first, oldest first) walks this index in order and stops
  -- after one page; state is in it so that skipping resolved alerts needs no row lookup.
  CREATE INDEX alerts_by_severity ON alerts (severity_rank DESC, starts_at, id, state);
  -- Counts by state and severity, and the ids of firing alerts for the timeline, without row lookups.
  CREATE INDEX alerts_by_state ON alerts (state, severity_rank, id);
  CREATE INDEX alerts_by_source ON alerts (source_id);
  CREATE INDEX alerts_by_service ON alerts (service);
  CREATE INDEX alerts_resolved_by_end ON alerts (ends_at) WHERE state = 'resolved';

  -- One row per label so that "key=value" filters are an index lookup, not a JSON scan per alert.
  CREATE TABLE alert_labels (
    alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (alert_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX alert_labels_by_pair ON alert_labels (key, value);

  CREATE TABLE source_status (
    source_id   TEXT PRIMARY KEY NOT NULL,
    state       TEXT NOT NULL,
    status_json TEXT NOT NULL
  );

  -- Append-only; outlives the alerts it describes (no foreign key) until pruned by age.
  -- AUTOINCREMENT keeps ids increasing even after pruning, so the newest event of an alert has its largest id.
  CREATE TABLE alert_history (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id  TEXT NOT NULL,
    source_id TEXT NOT NULL,
    at        INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    severity  TEXT NOT NULL,
    state     TEXT NOT NULL,
    detail    TEXT,
    name      TEXT NOT NULL,
    service   TEXT
  );
  CREATE INDEX alert_history_by_time ON alert_history (at);
  CREATE INDEX alert_history_by_alert ON alert_history (alert_id, at);
`;

export const initial: Migration = {
  version: 1,
  name: 'alerts, labels, source status and history',
  up: (db) => db.exec(INITIAL_SCHEMA),
};
