import type { Migration } from './migration.js';

/**
 * The CMDB topology: items and relations per catalog source, each row dated (`valid_from`, and
 * `valid_to` once a poll no longer reported it), so the graph as it was when an incident started is
 * answerable. The open rows (`valid_to IS NULL`) are the graph now. Times are epoch ms.
 */
export const topology: Migration = {
  version: 8,
  name: 'topology items and relations',
  up: (db) =>
    db.exec(`
        CREATE TABLE topology_items (
          source_id   TEXT NOT NULL,
          id          TEXT NOT NULL,
          valid_from  INTEGER NOT NULL,
          valid_to    INTEGER,
          item_json   TEXT NOT NULL,
          PRIMARY KEY (source_id, id, valid_from)
        );
        CREATE INDEX topology_items_open ON topology_items (source_id, valid_to);
        CREATE TABLE topology_relations (
          source_id   TEXT NOT NULL,
          from_id     TEXT NOT NULL,
          type        TEXT NOT NULL,
          to_id       TEXT NOT NULL,
          valid_from  INTEGER NOT NULL,
          valid_to    INTEGER,
          PRIMARY KEY (source_id, from_id, type, to_id, valid_from)
        );
        CREATE INDEX topology_relations_open ON topology_relations (source_id, valid_to);
        CREATE TABLE topology_sources (
          source_id     TEXT PRIMARY KEY,
          taken_at      INTEGER NOT NULL,
          problems_json TEXT NOT NULL
        );`),
};
