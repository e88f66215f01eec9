import type { Migration } from './migration.js';

/**
 * bm25's inputs for the runbook search, so a term found in every runbook ranks without FTS5's
 * `bm25()` per row (src/cache/runbooks/terms.ts): per index term and runbook the weighted frequency
 * (10 × title hits + body hits) with the runbook's token count, every runbook's token count, and
 * their sum and number in one row (bm25's N and average length).
 * `doc` is the rowid of `runbooks` and `runbook_fts`. Back-filled from the index itself: FTS5's
 * `instance` vocabulary lists every token of every row, as the tokenizer wrote it.
 *
 * `version` is its place in MIGRATIONS.
 */
export const runbookTerms: Migration = {
  version: 13,
  name: 'runbook search terms',
  up: (db) =>
    db.exec(`
        CREATE TABLE runbook_lengths (
          doc    INTEGER PRIMARY KEY,
          tokens INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE runbook_terms (
          term   TEXT NOT NULL,
          doc    INTEGER NOT NULL,
          weight INTEGER NOT NULL,
          tokens INTEGER NOT NULL,
          PRIMARY KEY (term, doc)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX runbook_terms_by_doc ON runbook_terms (doc);
        CREATE TABLE runbook_term_stats (
          id     INTEGER PRIMARY KEY CHECK (id = 1),
          docs   INTEGER NOT NULL,
          tokens INTEGER NOT NULL
        ) STRICT;
        CREATE VIRTUAL TABLE temp.runbook_backfill USING fts5vocab(main, runbook_fts, instance);
        INSERT INTO runbook_lengths (doc, tokens) SELECT rowid, 0 FROM runbook_fts;
        CREATE TEMP TABLE runbook_backfill_counts AS
          SELECT term, doc, sum(CASE col WHEN 'title' THEN 10 ELSE 1 END) AS weight, count(*) AS hits
          FROM temp.runbook_backfill GROUP BY term, doc;
        UPDATE runbook_lengths SET tokens = c.total
          FROM (SELECT doc, sum(hits) AS total FROM temp.runbook_backfill_counts GROUP BY doc) AS c
          WHERE runbook_lengths.doc = c.doc;
        INSERT INTO runbook_terms (term, doc, weight, tokens)
          SELECT c.term, c.doc, c.weight, l.tokens FROM temp.runbook_backfill_counts c
          JOIN runbook_lengths l ON l.doc = c.doc;
        INSERT INTO runbook_term_stats (id, docs, tokens) SELECT 1, count(*), coalesce(sum(tokens), 0) FROM runbook_lengths;
        DROP TABLE temp.runbook_backfill_counts;
        DROP TABLE temp.runbook_backfill;`),
};
