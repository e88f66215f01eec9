import type Database from 'better-sqlite3';
import { RUNBOOK_REVISIONS_KEPT } from '../../domain/index.js';
import type { RunbookBatch, RunbookDocument, RunbookRecord, RunbookRevision } from '../../domain/index.js';
import type { StagedWrite } from '../transaction.js';
import { cjkIndexText, ftsPhrases, ftsQuery, queryTerms } from './cjk.js';
import { rankedSearchSql, RunbookTerms } from './terms.js';
import type { TermShape } from './terms.js';
import { bodyAfterTitle, snippetOf } from './snippet.js';
import type {
  IRunbookStore,
  RunbookHit,
  RunbookSearch,
  RunbooksApplied,
  RunbookValidators,
} from './types.js';

type Row = Readonly<{
  rowid: number;
  id: string;
  record_json: string;
  fetched_at: number;
  content_status: RunbookRecord['contentStatus'];
  problem: string | null;
}>;

type HitRow = Readonly<{
  id: string;
  title: string;
  owner: string | null;
  services_json: string;
  source: RunbookRecord['source'];
  location: string;
  revision: string;
  fetched_at: number;
  content_status: RunbookRecord['contentStatus'];
  last_drill: number | null;
  review_by: number | null;
  plain: string;
  updated_at: string;
}>;

/** The stored record without the columns that move on their own (fetchedAt, status, problem). */
type StoredRecord = Omit<RunbookRecord, 'fetchedAt' | 'contentStatus' | 'problem'>;

const HIT_COLUMNS = `r.id, r.title, r.owner, r.services_json, r.source, r.location, r.revision, r.fetched_at,
  r.content_status, r.last_drill, r.review_by, r.plain, json_extract(r.record_json, '$.updatedAt') AS updated_at`;

const iso = (ms: number) => new Date(ms).toISOString();
const msOf = (text: string | undefined) => {
  if (text === undefined) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
};

/** The filter clauses a search may combine: a closed set, so the SQL is built only from these. */
const CLAUSES = {
  service:
    'EXISTS (SELECT 1 FROM json_each(r.services_json) WHERE value IN (SELECT value FROM json_each(@services)))',
  owner: 'r.owner = @owner',
  stale:
    '(r.review_by < @now OR (r.last_drill IS NOT NULL AND r.last_drill < @cutoff) OR (r.last_drill IS NULL AND r.review_by IS NULL))',
  fresh:
    'NOT (r.review_by < @now OR (r.last_drill IS NOT NULL AND r.last_drill < @cutoff) OR (r.last_drill IS NULL AND r.review_by IS NULL))',
} as const;
type Clause = keyof typeof CLAUSES;

/** The runbook vault in SQLite: current revisions, N earlier ones, and a CJK-aware FTS5 index. */
export class SqliteRunbookStore implements IRunbookStore {
  private readonly statements;
  private readonly searches = new Map<string, { page: Database.Statement; count: Database.Statement }>();
  private readonly terms: RunbookTerms;
  /** The runbooks a batch wrote, indexed into runbook_terms together once its documents are in. */
  private readonly pendingTerms = new Map<number, { title: string; body: string }>();

  constructor(private readonly db: Database.Database) {
    this.terms = new RunbookTerms(db);
    this.statements = {
      upsert: db.prepare(`
        INSERT INTO runbooks (id, source, location, title, owner, services_json, alerts_json, last_drill, review_by,
          revision, fetched_at, content_status, problem, etag, last_modified, plain, record_json)
        VALUES (@id, @source, @location, @title, @owner, @services, @alerts, @lastDrill, @reviewBy,
          @revision, @fetchedAt, 'fresh', NULL, @etag, @lastModified, @plain, @record)
        ON CONFLICT (id) DO UPDATE SET source = excluded.source, location = excluded.location,
          title = excluded.title, owner = excluded.owner, services_json = excluded.services_json,
          alerts_json = excluded.alerts_json, last_drill = excluded.last_drill, review_by = excluded.review_by,
          revision = excluded.revision, fetched_at = excluded.fetched_at, content_status = 'fresh', problem = NULL,
          etag = excluded.etag, last_modified = excluded.last_modified, plain = excluded.plain,
          record_json = excluded.record_json
        RETURNING rowid`),
      ftsDelete: db.prepare<[number]>('DELETE FROM runbook_fts WHERE rowid = ?'),
      ftsInsert: db.prepare<[number, string, string]>(
        'INSERT INTO runbook_fts (rowid, title, body) VALUES (?, ?, ?)',
      ),
      revision: db.prepare<[string, string, number, string]>(
        'INSERT OR REPLACE INTO runbook_revisions (runbook_id, revision, fetched_at, record_json) VALUES (?, ?, ?, ?)',
      ),
      pruneRevisions: db.prepare<[string, string, number]>(`
        DELETE FROM runbook_revisions WHERE runbook_id = ? AND revision NOT IN (
          SELECT revision FROM runbook_revisions WHERE runbook_id = ? ORDER BY fetched_at DESC LIMIT ?)`),
      confirm: db.prepare<[number, string]>(
        "UPDATE runbooks SET fetched_at = ?, content_status = 'fresh', problem = NULL WHERE id = ?",
      ),
      fail: db.prepare<[string, string]>(`
        UPDATE runbooks SET problem = ?,
          content_status = CASE WHEN revision = '' THEN 'unreachable' ELSE 'cached' END WHERE id = ?`),
      placeholder: db.prepare(`
        INSERT OR IGNORE INTO runbooks (id, source, location, title, owner, services_json, alerts_json, revision,
          fetched_at, content_status, problem, plain, record_json)
        VALUES (@id, @source, @location, @location, NULL, '[]', '[]', '', 0, 'unreachable', @problem, '', @record)`),
      one: db.prepare<[string], Row>(
        'SELECT rowid, id, record_json, fetched_at, content_status, problem FROM runbooks WHERE id = ?',
      ),
      atLocation: db.prepare<[string], Row>(
        'SELECT rowid, id, record_json, fetched_at, content_status, problem FROM runbooks WHERE location = ? LIMIT 1',
      ),
      validators: db.prepare<
        [string],
        { etag: string | null; last_modified: string | null; revision: string; fetched_at: number }
      >('SELECT etag, last_modified, revision, fetched_at FROM runbooks WHERE id = ?'),
      revisionOne: db.prepare<[string, string], { record_json: string; fetched_at: number }>(
        'SELECT record_json, fetched_at FROM runbook_revisions WHERE runbook_id = ? AND revision = ?',
      ),
      revisions: db.prepare<[string], { revision: string; fetched_at: number }>(
        'SELECT revision, fetched_at FROM runbook_revisions WHERE runbook_id = ? ORDER BY fetched_at DESC',
      ),
      linked: db.prepare<[string, string, number], Row>(`
        SELECT rowid, id, record_json, fetched_at, content_status, problem FROM runbooks r
        WHERE EXISTS (SELECT 1 FROM json_each(r.alerts_json) WHERE value = ?)
           OR EXISTS (SELECT 1 FROM json_each(r.services_json) WHERE value IN (SELECT value FROM json_each(?)))
        ORDER BY title LIMIT ?`),
      goneFolders: db.prepare<[string], { rowid: number; id: string }>(
        "SELECT rowid, id FROM runbooks WHERE source = 'folder' AND id NOT IN (SELECT value FROM json_each(?))",
      ),
      remove: db.prepare<[string]>('DELETE FROM runbooks WHERE id = ?'),
      removeRevisions: db.prepare<[string]>('DELETE FROM runbook_revisions WHERE runbook_id = ?'),
      alertUrls: db
        .prepare<[number], string>(
          `
          SELECT DISTINCT json_extract(record_json, '$.runbookUrl') AS url FROM alerts
          WHERE state != 'resolved' AND url IS NOT NULL LIMIT ?`,
        )
        .pluck(),
      hits: db.prepare<[string]>(
        `SELECT r.rowid, ${HIT_COLUMNS} FROM runbooks r WHERE r.rowid IN (SELECT value FROM json_each(?))`,
      ),
      clear: db.prepare('DELETE FROM runbooks'),
      clearRevisions: db.prepare('DELETE FROM runbook_revisions'),
      clearFts: db.prepare('DELETE FROM runbook_fts'),
    };
  }

  private record(row: Row): RunbookRecord {
    const stored = JSON.parse(row.record_json) as StoredRecord;
    return {
      ...stored,
      fetchedAt: iso(row.fetched_at),
      contentStatus: row.content_status,
      ...(row.problem === null ? {} : { problem: row.problem }),
    };
  }

  private writeDocument(document: RunbookDocument): void {
    const { plain, etag, lastModified, ...record } = document;
    const stored: StoredRecord = {
      id: record.id,
      title: record.title,
      body: record.body,
      format: record.format,
      source: record.source,
      location: record.location,
      revision: record.revision,
      updatedAt: record.updatedAt,
      services: record.services,
      alerts: record.alerts,
      html: record.html,
      toc: record.toc,
      ...(record.owner === undefined ? {} : { owner: record.owner }),
      ...(record.lastDrill === undefined ? {} : { lastDrill: record.lastDrill }),
      ...(record.reviewBy === undefined ? {} : { reviewBy: record.reviewBy }),
      ...(record.steps === undefined ? {} : { steps: record.steps }),
    };
    const json = JSON.stringify(stored);
    const fetchedAt = Date.parse(record.fetchedAt);
    const { rowid } = this.statements.upsert.get({
      id: record.id,
      source: record.source,
      location: record.location,
      title: record.title,
      owner: record.owner ?? null,
      services: JSON.stringify(record.services),
      alerts: JSON.stringify(record.alerts),
      lastDrill: msOf(record.lastDrill),
      reviewBy: msOf(record.reviewBy),
      revision: record.revision,
      fetchedAt,
      etag: etag ?? null,
      lastModified: lastModified ?? null,
      plain,
      record: json,
    }) as { rowid: number };
    this.statements.ftsDelete.run(rowid);
    const titleText = cjkIndexText(record.title);
    const bodyText = cjkIndexText(plain);
    this.statements.ftsInsert.run(rowid, titleText, bodyText);
    this.pendingTerms.set(rowid, { title: titleText, body: bodyText });
    this.statements.revision.run(record.id, record.revision, fetchedAt, json);
    this.statements.pruneRevisions.run(record.id, record.id, RUNBOOK_REVISIONS_KEPT);
  }

  private removeOne(rowid: number, id: string): void {
    this.statements.ftsDelete.run(rowid);
    this.terms.remove(rowid);
    this.statements.removeRevisions.run(id);
    this.statements.remove.run(id);
  }

  stage(batch: RunbookBatch): StagedWrite<RunbooksApplied> {
    let removed = 0;
    let changedStatus = false;
    return {
      write: () => {
        for (const document of batch.documents) this.writeDocument(document);
        try {
          this.terms.write(this.pendingTerms);
        } finally {
          this.pendingTerms.clear();
        }
        for (const { id, fetchedAt } of batch.confirmed) {
          const before = this.statements.one.get(id);
          if (before && (before.content_status !== 'fresh' || before.problem !== null)) changedStatus = true;
          this.statements.confirm.run(Date.parse(fetchedAt), id);
        }
        for (const failure of batch.failed) {
          const before = this.statements.one.get(failure.id);
          if (!before) {
            const record = {
              id: failure.id,
              title: failure.location,
              body: '',
              format: 'html',
              source: failure.source,
              location: failure.location,
              revision: '',
              updatedAt: iso(0),
              services: [],
              alerts: [],
              html: '',
              toc: [],
            };
            this.statements.placeholder.run({ ...failure, record: JSON.stringify(record) });
            changedStatus = true;
          } else {
            if (before.problem !== failure.problem) changedStatus = true;
            this.statements.fail.run(failure.problem, failure.id);
          }
        }
        if (batch.folderIds) {
          for (const gone of this.statements.goneFolders.all(JSON.stringify(batch.folderIds))) {
            this.removeOne(gone.rowid, gone.id);
            removed += 1;
          }
        }
      },
      committed: () => ({
        written: batch.documents.length,
        confirmed: batch.confirmed.length,
        failed: batch.failed.length,
        removed,
        changed: batch.documents.length > 0 || removed > 0 || changedStatus,
      }),
    };
  }

  /** A one-phrase search ranked from runbook_terms (terms.ts): a statement pair per shape and filters. */
  private rankedStatements(shape: TermShape, clauses: readonly Clause[]) {
    const key = `ranked|${shape}|${clauses.join(',')}`;
    let found = this.searches.get(key);
    if (!found) {
      const sql = rankedSearchSql(shape, clauses.length > 0);
      const whereSql =
        clauses.length > 0 ? `WHERE ${clauses.map((clause) => CLAUSES[clause]).join(' AND ')}` : '';
      found = {
        page: this.db
          .prepare(`SELECT p.doc FROM ${sql.from} ${whereSql} ${sql.order} LIMIT @limit OFFSET @offset`)
          .pluck(),
        count: this.db.prepare(`SELECT count(*) FROM ${sql.from} ${whereSql}`).pluck(),
      };
      this.searches.set(key, found);
    }
    return found;
  }

  private searchStatements(match: boolean, clauses: readonly Clause[]) {
    const key = `${match}|${clauses.join(',')}`;
    let found = this.searches.get(key);
    if (!found) {
      const where = [
        ...(match ? ['runbook_fts MATCH @match'] : []),
        ...clauses.map((clause) => CLAUSES[clause]),
      ];
      const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      // A search without filters stays inside the FTS index; filters join the runbooks' columns.
      const from = !match
        ? 'runbooks r'
        : clauses.length === 0
          ? 'runbook_fts'
          : 'runbook_fts f JOIN runbooks r ON r.rowid = f.rowid';
      // Titles weigh ten times the body in bm25's rank; equal scores go by rowid, as in terms.ts.
      const rowid = from === 'runbook_fts' ? 'rowid' : 'r.rowid';
      const order = match ? `ORDER BY bm25(runbook_fts, 10.0, 1.0), ${rowid}` : 'ORDER BY r.title, r.id';
      found = {
        // Rank and page on row ids alone; the wide columns are read for the page's rows only.
        page: this.db
          .prepare(
            `SELECT ${from === 'runbook_fts' ? 'rowid' : 'r.rowid'} FROM ${from} ${whereSql} ${order} LIMIT @limit OFFSET @offset`,
          )
          .pluck(),
        count: this.db.prepare(`SELECT count(*) FROM ${from} ${whereSql}`).pluck(),
      };
      this.searches.set(key, found);
    }
    return found;
  }

  search(query: RunbookSearch): Readonly<{ total: number; items: RunbookHit[] }> {
    const phrases = query.q === undefined ? [] : ftsPhrases(query.q);
    const clauses: Clause[] = [];
    if (query.services && query.services.length > 0) clauses.push('service');
    if (query.owner !== undefined) clauses.push('owner');
    if (query.stale === true) clauses.push('stale');
    if (query.stale === false) clauses.push('fresh');
    const plan = phrases.length > 0 ? this.terms.plan(phrases) : undefined;
    if (plan === 'empty') return { total: 0, items: [] };
    const params: Record<string, unknown> = {};
    let statements;
    // One phrase without filters: its number of runbooks is the total, no count to run.
    let known: number | undefined;
    if (plan !== undefined) {
      statements = this.rankedStatements(plan.shape, clauses);
      params.low = plan.low;
      params.idf = plan.idf;
      params.avgdl = plan.avgdl;
      if (plan.shape === 'range') params.high = plan.high;
      if (clauses.length === 0) known = plan.matches;
    } else {
      const match = query.q === undefined ? undefined : ftsQuery(query.q);
      statements = this.searchStatements(match !== undefined, clauses);
      if (match !== undefined) params.match = match;
    }
    if (clauses.includes('service')) params.services = JSON.stringify(query.services ?? []);
    if (clauses.includes('owner')) params.owner = query.owner;
    if (clauses.includes('stale') || clauses.includes('fresh')) {
      params.now = query.nowMs;
      params.cutoff = query.nowMs - query.maxAgeMs;
    }

    const terms = query.q === undefined ? [] : queryTerms(query.q);
    const total = known ?? (statements.count.get(params) as number);
    const rowids = statements.page.all({ ...params, limit: query.limit, offset: query.offset }) as number[];
    const byRowid = new Map(
      (this.statements.hits.all(JSON.stringify(rowids)) as (HitRow & { rowid: number })[]).map((row) => [
        row.rowid,
        row,
      ]),
    );
    const rows = rowids.flatMap((rowid) => byRowid.get(rowid) ?? []);
    const items = rows.map((row): RunbookHit => ({
      id: row.id,
      title: row.title,
      ...(row.owner === null ? {} : { owner: row.owner }),
      services: JSON.parse(row.services_json) as string[],
      source: row.source,
      location: row.location,
      revision: row.revision,
      fetchedAt: iso(row.fetched_at),
      contentStatus: row.content_status,
      ...(row.last_drill === null ? {} : { lastDrill: iso(row.last_drill) }),
      ...(row.review_by === null ? {} : { reviewBy: iso(row.review_by) }),
      updatedAt: row.updated_at,
      snippet: snippetOf(bodyAfterTitle(row.plain, row.title), terms),
    }));
    return { total, items };
  }

  get(id: string): RunbookRecord | undefined {
    const row = this.statements.one.get(id);
    return row ? this.record(row) : undefined;
  }

  getRevision(id: string, revision: string): RunbookRecord | undefined {
    const row = this.statements.revisionOne.get(id, revision);
    if (!row) return undefined;
    const stored = JSON.parse(row.record_json) as StoredRecord;
    return { ...stored, fetchedAt: iso(row.fetched_at), contentStatus: 'cached' };
  }

  revisions(id: string): RunbookRevision[] {
    const current = this.statements.validators.get(id)?.revision;
    return this.statements.revisions.all(id).map((row) => ({
      revision: row.revision,
      fetchedAt: iso(row.fetched_at),
      current: row.revision === current,
    }));
  }

  linkedTo(alertName: string, services: readonly string[], limit: number): RunbookRecord[] {
    return this.statements.linked
      .all(alertName, JSON.stringify(services), limit)
      .map((row) => this.record(row));
  }

  byLocation(location: string): RunbookRecord | undefined {
    const row = this.statements.atLocation.get(location);
    return row ? this.record(row) : undefined;
  }

  validators(id: string): RunbookValidators | undefined {
    const row = this.statements.validators.get(id);
    if (!row) return undefined;
    return {
      revision: row.revision,
      fetchedAtMs: row.fetched_at,
      ...(row.etag === null ? {} : { etag: row.etag }),
      ...(row.last_modified === null ? {} : { lastModified: row.last_modified }),
    };
  }

  alertRunbookUrls(limit: number): string[] {
    return this.statements.alertUrls.all(limit);
  }

  forgetAll(): number {
    const removed = this.statements.clear.run().changes;
    this.statements.clearRevisions.run();
    this.statements.clearFts.run();
    this.terms.clear();
    return removed;
  }
}
