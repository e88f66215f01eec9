import type { Migration } from './migration.js';

/**
 * SLO status: the latest numbers per SLO (kept when Prometheus is down, so tiles stay visible, stale)
 * and one history row per evaluation, for the burn-down and trend when Prometheus cannot be asked.
 */
export const slo: Migration = {
  version: 6,
  name: 'slo status and history',
  up: (db) =>
    db.exec(`
        CREATE TABLE slo_status (
          slo_id      TEXT PRIMARY KEY,
          source_id   TEXT NOT NULL,
          state       TEXT NOT NULL,
          status_json TEXT NOT NULL
        );
        CREATE TABLE slo_history (
          slo_id       TEXT NOT NULL,
          at           INTEGER NOT NULL,
          state        TEXT NOT NULL,
          availability REAL,
          remaining    REAL,
          burn_1h      REAL,
          PRIMARY KEY (slo_id, at)
        ) WITHOUT ROWID;`),
};
