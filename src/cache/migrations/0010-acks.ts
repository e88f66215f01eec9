import type { Migration } from './migration.js';

/**
 * The claim ledger (认领): every claim of an alert, the open one with `ended_at` NULL (at most one per
 * alert), earlier ones kept as history with why they ended. Not rebuilt from a backend, so a poll
 * never drops it; `forgetSourcesExcept` leaves it too.
 *
 * Numbered 10 in the plan of domains; its `version` is its place in MIGRATIONS.
 */
export const acks: Migration = {
  version: 10,
  name: 'claim ledger',
  up: (db) =>
    db.exec(`
        CREATE TABLE acks (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          alert_id      TEXT NOT NULL,
          source_id     TEXT NOT NULL,
          by            TEXT NOT NULL,
          at            TEXT NOT NULL,
          comment       TEXT,
          expires_at    TEXT,
          written_where TEXT,
          written_id    TEXT,
          write_error   TEXT,
          ended_at      TEXT,
          end_reason    TEXT CHECK (end_reason IN ('released', 'handed-over', 'resolved')),
          ended_by      TEXT
        ) STRICT;
        CREATE UNIQUE INDEX acks_open ON acks (alert_id) WHERE ended_at IS NULL;
        CREATE INDEX acks_by_alert ON acks (alert_id, id);`),
};
