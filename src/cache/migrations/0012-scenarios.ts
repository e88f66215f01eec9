import type { Migration } from './migration.js';

/**
 * GOC scenarios (业务场景): the last status computed from Prometheus's `ALERTS` per scenario, so the
 * tiles stay visible, marked stale, when Prometheus is down or the cockpit restarts offline.
 * `definition_key` is the scenario's configuration when it was computed: a changed objective, window
 * or matcher list never answers with numbers of the old definition. Written when `GET /api/scenarios`
 * recomputes (scenarios are asked at request time, not polled), so no poll drops it.
 */
export const scenarios: Migration = {
  version: 12,
  name: 'scenario status',
  up: (db) =>
    db.exec(`
        CREATE TABLE scenario_status (
          scenario_id    TEXT PRIMARY KEY,
          definition_key TEXT NOT NULL,
          updated_at     TEXT NOT NULL,
          status_json    TEXT NOT NULL
        ) STRICT;`),
};
