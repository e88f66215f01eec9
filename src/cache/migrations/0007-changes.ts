import type { Migration } from './migration.js';

/**
 * The change calendar: every change occurrence seen (kept for the history retention, so "what
 * changed before last night's incident" works offline) and the freeze windows calendars declare.
 * Times are epoch ms; the record itself is JSON, the columns are what queries filter on.
 */
export const changes: Migration = {
  version: 7,
  name: 'changes and freeze windows',
  up: (db) =>
    db.exec(`
        CREATE TABLE changes (
          id            TEXT PRIMARY KEY,
          source_id     TEXT NOT NULL,
          starts_at     INTEGER NOT NULL,
          ends_at       INTEGER NOT NULL,
          kind          TEXT NOT NULL,
          environment   TEXT,
          services_json TEXT NOT NULL,
          record_json   TEXT NOT NULL
        );
        CREATE INDEX changes_by_start ON changes (starts_at);
        CREATE INDEX changes_by_source ON changes (source_id, starts_at);
        CREATE TABLE freeze_windows (
          source_id   TEXT NOT NULL,
          starts_at   INTEGER NOT NULL,
          ends_at     INTEGER NOT NULL,
          window_json TEXT NOT NULL
        );
        CREATE INDEX freeze_windows_by_source ON freeze_windows (source_id, starts_at);`),
};
