import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { CacheError } from './errors.js';

/** One schema step. `version` is its position (1, 2, …); `up` runs inside a transaction. */
export type Migration = Readonly<{ version: number; name: string; up: (db: Database.Database) => void }>;

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

/** The schema, oldest first. Append only: never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'alerts, labels, source status and history', up: (db) => db.exec(INITIAL_SCHEMA) },
  {
    version: 2,
    name: 'source hash of each alert',
    // The connector's hash of the bytes an alert was read from (Snapshot.sourceHashes): lets the
    // first poll after a restart skip parsing alerts that did not change. NULL: read it again.
    up: (db) => db.exec('ALTER TABLE alerts ADD COLUMN source_hash TEXT'),
  },
  {
    version: 3,
    name: 'board index',
    // The war-room board groups every active alert by source, service and rule. Reading the groups
    // from this covering index, without touching the wide rows, takes 100k alerts from ~520 ms to
    // ~75 ms. It starts with source_id, so it also does the work of the index it replaces.
    up: (db) =>
      db.exec(`
        DROP INDEX alerts_by_source;
        CREATE INDEX alerts_for_board ON alerts (source_id, service, name, state, severity_rank, starts_at, id);`),
  },
  {
    version: 4,
    name: 'labels keyed by pair',
    // One b-tree instead of two: the label filter reads (key, value) ranges and probes
    // (key, value, alert_id), and nothing looks labels up by alert alone (an alert's labels are in
    // its labels_json). At 100k alerts that is 1.9M rows written once instead of twice on a first
    // poll. The foreign key's cascade becomes a trigger.
    up: (db) =>
      db.exec(`
        CREATE TABLE alert_labels_v4 (
          key      TEXT NOT NULL,
          value    TEXT NOT NULL,
          alert_id TEXT NOT NULL,
          PRIMARY KEY (key, value, alert_id)
        ) WITHOUT ROWID;
        INSERT INTO alert_labels_v4 (key, value, alert_id) SELECT key, value, alert_id FROM alert_labels;
        DROP TABLE alert_labels;
        ALTER TABLE alert_labels_v4 RENAME TO alert_labels;
        CREATE TRIGGER alerts_delete_labels AFTER DELETE ON alerts BEGIN
          DELETE FROM alert_labels
          WHERE (key, value, alert_id) IN (SELECT j.key, j.value, old.id FROM json_each(old.labels_json) j);
        END;`),
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** Reads `PRAGMA user_version`: the number of the last migration applied to this file. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a file written by a newer app: its schema may mean things this version cannot know. */
export function assertSchemaNotNewer(db: Database.Database, file: string): void {
  const version = schemaVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new CacheError(
      `cache file ${file} was written by a newer On-Call Cockpit (schema ${version}, this version knows ${LATEST_SCHEMA_VERSION}); update the app or point --data-dir elsewhere`,
      'newer-schema',
    );
  }
}

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: Database.Database, file: string, logger: Logger): void {
  assertSchemaNotNewer(db, file);
  const current = schemaVersion(db);
  MIGRATIONS.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration "${migration.name}" is numbered ${migration.version}, expected ${index + 1}`,
      );
    }
    if (migration.version <= current) return;
    db.transaction(() => {
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is an integer from the list above.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    logger.info(`cache file ${file}: applied migration ${migration.version} (${migration.name})`);
  });
}
