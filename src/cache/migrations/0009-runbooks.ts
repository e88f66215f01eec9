import type { Migration } from './migration.js';

/**
 * The runbook vault: one row per runbook (the current revision, the columns filters use, the
 * validators for conditional requests), earlier revisions (N per runbook, pruned by the store) and a
 * full-text index. FTS5's trigram tokenizer finds nothing for a 2-character Chinese query such as
 * 磁盘, so the index is unicode61 over text where every CJK run is written as overlapping bigrams
 * (src/cache/runbooks/cjk.ts); a query is turned into the same bigrams.
 *
 * `version` is its place in MIGRATIONS.
 */
export const runbooks: Migration = {
  version: 9,
  name: 'runbook vault',
  up: (db) =>
    db.exec(`
        CREATE TABLE runbooks (
          rowid          INTEGER PRIMARY KEY,
          id             TEXT NOT NULL UNIQUE,
          source         TEXT NOT NULL,
          location       TEXT NOT NULL,
          title          TEXT NOT NULL,
          owner          TEXT,
          services_json  TEXT NOT NULL,
          alerts_json    TEXT NOT NULL,
          last_drill     INTEGER,
          review_by      INTEGER,
          revision       TEXT NOT NULL,
          fetched_at     INTEGER NOT NULL,
          content_status TEXT NOT NULL,
          problem        TEXT,
          etag           TEXT,
          last_modified  TEXT,
          plain          TEXT NOT NULL,
          record_json    TEXT NOT NULL
        );
        CREATE INDEX runbooks_by_location ON runbooks (location);
        CREATE TABLE runbook_revisions (
          runbook_id  TEXT NOT NULL,
          revision    TEXT NOT NULL,
          fetched_at  INTEGER NOT NULL,
          record_json TEXT NOT NULL,
          PRIMARY KEY (runbook_id, revision)
        );
        CREATE VIRTUAL TABLE runbook_fts USING fts5(
          title, body, tokenize = 'porter unicode61 remove_diacritics 2'
        );`),
};
