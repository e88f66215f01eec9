import type { Migration } from './migration.js';

/**
 * The audit log: one row per command (silence, claim, incident changes) with who ran it, with which
 * role, from which address, when and with what outcome. Not rebuilt from a backend, so never
 * dropped by a poll; `forgetSourcesExcept` does not touch it.
 */
export const audit: Migration = {
  version: 5,
  name: 'audit log',
  up: (db) =>
    db.exec(`
        CREATE TABLE audit_log (
          id       INTEGER PRIMARY KEY AUTOINCREMENT,
          at       TEXT NOT NULL,
          method   TEXT NOT NULL,
          who      TEXT,
          role     TEXT NOT NULL,
          address  TEXT,
          via      TEXT NOT NULL,
          target   TEXT NOT NULL,
          outcome  TEXT NOT NULL,
          detail   TEXT
        ) STRICT;`),
};
