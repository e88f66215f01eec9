import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cache } from '../../../../src/cache/index.js';
import { ftsQuery } from '../../../../src/cache/runbooks/cjk.js';
import { documentOf } from '../../../../src/connectors/runbooks/document.js';
import { renderMarkdown } from '../../../../src/connectors/runbooks/render.js';
import type { RunbookDocument, SourceStatus } from '../../../../src/domain/index.js';
import { useTempDataDir } from '../temp-cache.js';

const NOW = '2026-12-02T06:00:00.000Z';
const STATUS: SourceStatus = { sourceId: 'runbooks', state: 'ok', consecutiveFailures: 0, itemCount: 0 };
const ZH = ['磁盘已满', '数据库主从延迟', '支付回滚', '网关超时'];
const EN = ['disk full', 'replication lag', 'replicas rebuilt', 'gateway timeout', 'replica drift'];

/** Runbooks of varied length and wording: every one mentions kafka, some in the title. */
function runbook(index: number, edition = 0): RunbookDocument {
  const zh = index % 3 === 0;
  const topic = zh ? ZH[index % ZH.length]! : EN[index % EN.length]!;
  const title = `${topic} ${index % 4 === 0 ? 'kafka ' : ''}${zh ? '预案' : 'runbook'} ${index}`;
  const filler = (zh ? '处理磁盘告警。' : 'Check the replication of each broker. ').repeat(
    (index * 7 + edition) % 13,
  );
  const body = `# ${title}\n\n${topic} kafka ${'kafka '.repeat(index % 5)}\n\n${filler}\n`;
  return documentOf({
    source: 'folder',
    location: `/runbooks/${index}.md`,
    format: 'markdown',
    body,
    front: { services: [`svc-${index % 5}`], alerts: [], owner: `team-${index % 3}` },
    rendered: renderMarkdown(body),
    fallbackTitle: String(index),
    revision: `sha256:${index}:${edition}`,
    fetchedAt: NOW,
    updatedAt: NOW,
  });
}

const QUERIES = [
  'kafka',
  'kafk',
  'replica',
  'repl',
  '磁盘',
  '磁',
  '回滚',
  'disk full',
  '支付回滚',
  'nothing',
];

/** What plain FTS5 answers: bm25 with the store's weights, equal scores by rowid. */
function reference(file: string, q: string, owner?: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const match = ftsQuery(q);
    return db
      .prepare<Record<string, string>, string>(
        `SELECT r.id FROM runbook_fts f JOIN runbooks r ON r.rowid = f.rowid
         WHERE runbook_fts MATCH @match ${owner === undefined ? '' : 'AND r.owner = @owner'}
         ORDER BY bm25(runbook_fts, 10.0, 1.0), f.rowid`,
      )
      .pluck()
      .all({ match: match ?? '', ...(owner === undefined ? {} : { owner }) });
  } finally {
    db.close();
  }
}

function expectSameAsFts5(cache: Cache, file: string) {
  for (const q of QUERIES) {
    const expected = reference(file, q);
    const found = cache.runbooks.search({ q, limit: 1000, offset: 0, nowMs: 0, maxAgeMs: 1 });
    expect({ q, ids: found.items.map((item) => item.id), total: found.total }).toEqual({
      q,
      ids: expected,
      total: expected.length,
    });
    const page = cache.runbooks.search({ q, limit: 7, offset: 14, nowMs: 0, maxAgeMs: 1 });
    expect(page.items.map((item) => item.id)).toEqual(expected.slice(14, 21));
    const owned = cache.runbooks.search({
      q,
      owner: 'team-1',
      limit: 1000,
      offset: 0,
      nowMs: 0,
      maxAgeMs: 1,
    });
    expect(owned.items.map((item) => item.id)).toEqual(reference(file, q, 'team-1'));
  }
}

/** The term tables as a fresh back-fill from FTS5's own vocabulary would write them. */
function termTablesMatchIndex(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    db.exec('CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, runbook_fts, instance)');
    const fromIndex = db
      .prepare(
        `SELECT term, doc, sum(CASE col WHEN 'title' THEN 10 ELSE 1 END) AS weight FROM temp.v
         GROUP BY term, doc ORDER BY term, doc`,
      )
      .all();
    const stored = db.prepare('SELECT term, doc, weight FROM runbook_terms ORDER BY term, doc').all();
    expect(stored).toEqual(fromIndex);
    const lengths = db
      .prepare('SELECT count(*) AS docs, coalesce(sum(tokens), 0) AS tokens FROM runbook_lengths')
      .get();
    expect(db.prepare('SELECT docs, tokens FROM runbook_term_stats').get()).toEqual(lengths);
    expect(db.prepare('SELECT count(*) FROM runbook_fts').pluck().get()).toBe(
      (lengths as { docs: number }).docs,
    );
    const total = db.prepare('SELECT count(*) FROM temp.v').pluck().get();
    expect((lengths as { tokens: number }).tokens).toBe(total);
  } finally {
    db.close();
  }
}

describe('runbook search ranked from its own term table', () => {
  const data = useTempDataDir();
  const write = (cache: Cache, documents: RunbookDocument[], folderIds?: string[]) =>
    cache.applyPoll(STATUS, {
      runbooks: {
        sourceId: 'runbooks',
        documents,
        confirmed: [],
        failed: [],
        ...(folderIds ? { folderIds } : {}),
      },
    });

  it('answers the same runbooks in the same order as FTS5 bm25, for zh and en, prefixes and a term in every runbook', () => {
    const { cache } = data.open();
    const file = join(data.dir(), 'cache.db');
    write(
      cache,
      Array.from({ length: 120 }, (_, index) => runbook(index)),
    );
    expect(cache.runbooks.search({ q: 'kafka', limit: 5, offset: 0, nowMs: 0, maxAgeMs: 1 }).total).toBe(120);
    expectSameAsFts5(cache, file);
    termTablesMatchIndex(file);
  });

  it('stays the same as FTS5 after runbooks change and folders drop some', () => {
    const { cache } = data.open();
    const file = join(data.dir(), 'cache.db');
    const all = Array.from({ length: 120 }, (_, index) => runbook(index));
    write(cache, all);
    write(
      cache,
      all.filter((_, index) => index % 4 === 1).map((_, index) => runbook(index * 4 + 1, 3)),
    );
    const kept = all.filter((_, index) => index % 5 !== 2).map((document) => document.id);
    write(cache, [], kept);
    expect(cache.runbooks.search({ q: 'kafka', limit: 5, offset: 0, nowMs: 0, maxAgeMs: 1 }).total).toBe(
      kept.length,
    );
    expectSameAsFts5(cache, file);
    termTablesMatchIndex(file);
    cache.runbooks.forgetAll();
    expect(cache.runbooks.search({ q: 'kafka', limit: 5, offset: 0, nowMs: 0, maxAgeMs: 1 })).toEqual({
      total: 0,
      items: [],
    });
    termTablesMatchIndex(file);
  });

  it('back-fills the term tables of a cache written before them (migration 13)', () => {
    const first = data.open().cache;
    const file = join(data.dir(), 'cache.db');
    write(
      first,
      Array.from({ length: 60 }, (_, index) => runbook(index)),
    );
    first.close();
    const old = new Database(file);
    old.exec(
      'DROP TABLE runbook_terms; DROP TABLE runbook_lengths; DROP TABLE runbook_term_stats; PRAGMA user_version = 12;',
    );
    old.close();
    const { cache } = data.open();
    termTablesMatchIndex(file);
    expectSameAsFts5(cache, file);
  });
});
