import type Database from 'better-sqlite3';
import type { FtsPhrase } from './cjk.js';

/**
 * bm25's inputs in tables of our own (migration 0013), so a term found in every runbook ranks
 * without FTS5 calling `bm25()` once per matching row: the ranked page of 10 000 matches took
 * 4.2 ms there, 3.4 of them in bm25(), and takes 1.1 ms here. `runbook_terms` holds, per index
 * term and runbook, the weighted frequency (10 × the title's hits + the body's: the weights of
 * `bm25(runbook_fts, 10.0, 1.0)`) and the runbook's token count; `runbook_lengths` the token count
 * of every row of `runbook_fts`, and `runbook_term_stats` their number and sum (bm25's N and
 * average length).
 *
 * The score is FTS5's bm25 (fts5_aux.c, k1 = 1.2, b = 0.75) written in the same order of
 * operations, so the doubles, and with them the order, are the same; equal scores go by rowid, as
 * FTS5's sort leaves them. Only a one-phrase query of one token is ranked here (`plan`); FTS5 ranks
 * the rest.
 */

/** The tokenizer of `runbook_fts` (migration 0009); the scratch table must split text the same way. */
const TOKENIZE = 'porter unicode61 remove_diacritics 2';
/** bm25's weight of a title hit; a body hit weighs 1. */
export const TITLE_WEIGHT = 10;

export type TermShape = 'exact' | 'range';
/** A phrase as runbook_terms reads it, with bm25's IDF and avgdl (bound as doubles) and its matches. */
export type RankedPlan = Readonly<{
  shape: TermShape;
  low: string;
  high: string;
  idf: number;
  avgdl: number;
  matches: number;
}>;

/** Every term that starts with a prefix sorts below this bound (it is past any UTF-8 character). */
const prefixEnd = (token: string) => `${token}\u{10FFFF}`;

/**
 * FROM and ORDER BY of a search ranked from one phrase's rows (bound: @low, @high, @idf, @avgdl);
 * the caller adds its filter clauses (over `runbooks r` when `withRunbooks`) and the page.
 */
export function rankedSearchSql(shape: TermShape, withRunbooks: boolean) {
  const rows =
    shape === 'exact'
      ? 'SELECT doc, weight AS w, tokens AS d FROM runbook_terms WHERE term = @low'
      : 'SELECT doc, sum(weight) AS w, max(tokens) AS d FROM runbook_terms WHERE term >= @low AND term < @high GROUP BY doc';
  const from = `(${rows}) p${withRunbooks ? ' JOIN runbooks r ON r.rowid = p.doc' : ''}`;
  // fts5Bm25Function: num = f·(k1 + 1), denom = f + k1·(1 − b + b·D / avgdl), score = idf·num/denom.
  const score = '@idf * ((p.w * (1.2 + 1.0)) / (p.w + 1.2 * (1 - 0.75 + 0.75 * p.d / @avgdl)))';
  return { from, order: `ORDER BY ${score} DESC, p.doc` };
}

/** Keeps runbook_terms and runbook_lengths beside runbook_fts, and reads what a ranked search needs. */
export class RunbookTerms {
  private readonly statements;

  constructor(db: Database.Database) {
    // A contentless scratch index with runbook_fts's tokenizer: the way to get the very tokens FTS5
    // stores for a text (porter stems, folded case) without writing a tokenizer of our own.
    db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.runbook_tokenizer USING fts5(
        title, body, content = '', tokenize = '${TOKENIZE}');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.runbook_tokens USING fts5vocab(temp, runbook_tokenizer, instance);
      CREATE TABLE IF NOT EXISTS temp.runbook_token_counts (term TEXT, doc INTEGER, weight INTEGER, hits INTEGER);`);
    this.statements = {
      scratch: db.prepare<[number, string, string]>(
        'INSERT INTO temp.runbook_tokenizer (rowid, title, body) VALUES (?, ?, ?)',
      ),
      clearScratch: db.prepare(
        "INSERT INTO temp.runbook_tokenizer (runbook_tokenizer) VALUES ('delete-all')",
      ),
      queryTokens: db.prepare<[], string>('SELECT term FROM temp.runbook_tokens ORDER BY offset').pluck(),
      // The scratch index's tokens counted per term and runbook, then written in three statements:
      // set-based, as migration 0013 back-fills, rather than a call per term.
      count: db.prepare(`
        INSERT INTO temp.runbook_token_counts (term, doc, weight, hits)
        SELECT term, doc, sum(CASE col WHEN 'title' THEN ${TITLE_WEIGHT} ELSE 1 END), count(*)
        FROM temp.runbook_tokens GROUP BY term, doc`),
      insertLength: db.prepare<[number]>('INSERT INTO runbook_lengths (doc, tokens) VALUES (?, 0)'),
      setLengths: db.prepare(`
        UPDATE runbook_lengths SET tokens = c.total
        FROM (SELECT doc, sum(hits) AS total FROM temp.runbook_token_counts GROUP BY doc) AS c
        WHERE runbook_lengths.doc = c.doc`),
      insertTerms: db.prepare(`
        INSERT INTO runbook_terms (term, doc, weight, tokens)
        SELECT c.term, c.doc, c.weight, l.tokens FROM temp.runbook_token_counts c
        JOIN runbook_lengths l ON l.doc = c.doc`),
      addCounted: db.prepare<[number]>(`
        UPDATE runbook_term_stats SET docs = docs + ?,
          tokens = tokens + (SELECT coalesce(sum(hits), 0) FROM temp.runbook_token_counts) WHERE id = 1`),
      clearCounts: db.prepare('DELETE FROM temp.runbook_token_counts'),
      deleteTerms: db.prepare<[number]>('DELETE FROM runbook_terms WHERE doc = ?'),
      deleteLength: db.prepare<[number]>('DELETE FROM runbook_lengths WHERE doc = ?'),
      firstTerm: db
        .prepare<[string, string], string>(
          'SELECT term FROM runbook_terms WHERE term >= ? AND term < ? LIMIT 1',
        )
        .pluck(),
      nextTerm: db
        .prepare<[string, string], string>(
          'SELECT term FROM runbook_terms WHERE term > ? AND term < ? LIMIT 1',
        )
        .pluck(),
      exactHits: db.prepare<[string], number>('SELECT count(*) FROM runbook_terms WHERE term = ?').pluck(),
      rangeHits: db
        .prepare<[string, string], number>(
          'SELECT count(DISTINCT doc) FROM runbook_terms WHERE term >= ? AND term < ?',
        )
        .pluck(),
      // fts5Bm25GetData: idf = log((0.5 + N − nHit) / (0.5 + nHit)), 1e-6 when not positive; in
      // SQLite, so it is the C library's log() that FTS5 uses.
      idf: db
        .prepare<[number, number, number], number>(
          'SELECT CASE WHEN x <= 0.0 THEN 1e-6 ELSE x END FROM (SELECT ln((0.5 + ? - ?) / (0.5 + ?)) AS x)',
        )
        .pluck(),
      stats: db.prepare<[], { docs: number; avgdl: number }>(
        'SELECT docs, CAST(tokens AS REAL) / docs AS avgdl FROM runbook_term_stats WHERE id = 1',
      ),
      oldLength: db.prepare<[number], number>('SELECT tokens FROM runbook_lengths WHERE doc = ?').pluck(),
      addStats: db.prepare<[number, number]>(
        'UPDATE runbook_term_stats SET docs = docs + ?, tokens = tokens + ? WHERE id = 1',
      ),
      clearTerms: db.prepare('DELETE FROM runbook_terms'),
      clearLengths: db.prepare('DELETE FROM runbook_lengths'),
      clearStats: db.prepare('UPDATE runbook_term_stats SET docs = 0, tokens = 0 WHERE id = 1'),
    };
  }

  /**
   * Indexes rows of runbook_fts (same rowid, same title and body text), replacing what they had; a
   * row listed twice keeps its last text. Runs inside the caller's transaction.
   */
  write(rows: ReadonlyMap<number, Readonly<{ title: string; body: string }>>): void {
    if (rows.size === 0) return;
    for (const [doc, { title, body }] of rows) {
      this.remove(doc);
      this.statements.scratch.run(doc, title, body);
      this.statements.insertLength.run(doc);
    }
    this.statements.count.run();
    this.statements.setLengths.run();
    this.statements.insertTerms.run();
    this.statements.addCounted.run(rows.size);
    this.statements.clearCounts.run();
    this.statements.clearScratch.run();
  }

  remove(doc: number): void {
    const tokens = this.statements.oldLength.get(doc);
    if (tokens === undefined) return;
    this.statements.deleteTerms.run(doc);
    this.statements.deleteLength.run(doc);
    this.statements.addStats.run(-1, -tokens);
  }

  clear(): void {
    this.statements.clearTerms.run();
    this.statements.clearLengths.run();
    this.statements.clearStats.run();
  }

  /**
   * How a one-phrase search reads runbook_terms, or undefined for FTS5 to rank: several phrases
   * (FTS5 intersects doclists faster than joins: 7.6 against 10.6 ms for two terms in every runbook)
   * or a phrase of several tokens. A prefix that only one stored term has is read as that term.
   * `empty` when the phrase has no term at all: nothing matches.
   */
  plan(phrases: readonly FtsPhrase[]): RankedPlan | 'empty' | undefined {
    const [phrase] = phrases;
    if (phrase === undefined || phrases.length > 1) return undefined;
    this.statements.scratch.run(1, '', phrase.text);
    const tokens = this.statements.queryTokens.all();
    this.statements.clearScratch.run();
    const [token] = tokens;
    if (token === undefined || tokens.length > 1) return undefined;
    const high = prefixEnd(token);
    let shape: TermShape = 'exact';
    let low = token;
    if (phrase.prefix) {
      const first = this.statements.firstTerm.get(token, high);
      if (first === undefined) return 'empty';
      if (this.statements.nextTerm.get(first, high) === undefined) low = first;
      else shape = 'range';
    }
    const matches =
      (shape === 'exact' ? this.statements.exactHits.get(low) : this.statements.rangeHits.get(low, high)) ??
      0;
    const stats = this.statements.stats.get();
    if (matches === 0 || !stats || stats.docs === 0) return 'empty';
    const idf = this.statements.idf.get(stats.docs, matches, matches) ?? 1e-6;
    return { shape, low, high, idf, avgdl: stats.avgdl, matches };
  }
}
