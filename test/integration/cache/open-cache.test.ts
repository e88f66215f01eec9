import {
  existsSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  CacheError,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  closeDatabase,
  openCache,
  openDatabase,
} from '../../../src/cache/index.js';
import { alertRowParams, UPSERT_ALERT_SQL } from '../../../src/cache/alerts/alert-rows.js';
import { createMemoryLogger, silentLogger } from '../../../src/logger.js';
import { failedStatus, makeAlert, minuteMs, okStatus, snapshotAt } from '../../unit/cache/alert-fixtures.js';
import { filter, useTempDataDir } from './temp-cache.js';

const data = useTempDataDir();

function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('openCache: schema', () => {
  it('creates the schema in an empty folder and records its version', () => {
    const { file, recoveredFrom } = data.open();

    expect(recoveredFrom).toBeUndefined();
    expect(existsSync(file)).toBe(true);
    const { version, tables } = inspect(file, (db) => ({
      version: db.pragma('user_version', { simple: true }),
      tables: db
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all(),
    }));
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    expect(version).toBe(LATEST_SCHEMA_VERSION);
    expect(tables).toEqual(
      expect.arrayContaining(['alerts', 'alert_labels', 'alert_history', 'source_status']),
    );
  });

  it('upgrades a cache written by an older version and keeps its alerts and label filters working', () => {
    // A cache as version 3 of the schema left it: labels keyed by alert, with a cascade.
    const file = join(data.dir(), 'cache.db');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    for (const migration of MIGRATIONS.slice(0, 3)) migration.up(old);
    old.pragma('user_version = 3');
    const alerts = [
      makeAlert('first', { labels: { alertname: 'A', zone: 'z1' } }),
      makeAlert('second', { labels: { alertname: 'B', zone: 'z1' } }),
    ];
    for (const alert of alerts) {
      old.prepare(UPSERT_ALERT_SQL).run(...alertRowParams(alert, 'hash', 0));
      for (const [key, value] of Object.entries(alert.labels)) {
        old
          .prepare('INSERT INTO alert_labels (alert_id, key, value) VALUES (?, ?, ?)')
          .run(alert.id, key, value);
      }
    }
    old.close();

    const { cache } = data.open();
    expect(cache.alerts.listAlerts(filter({ label: ['zone=z1'] })).total).toBe(2);
    // Deleting an alert takes its label rows with it (the old foreign key's cascade, now a trigger).
    cache.forgetSourcesExcept([]);
    expect(inspect(file, (db) => db.prepare('SELECT count(*) FROM alert_labels').pluck().get())).toBe(0);
  });

  it('runs with WAL, NORMAL sync, foreign keys on and a busy timeout', () => {
    const db = openDatabase(join(data.dir(), 'cache.db'), { logger: silentLogger, busyTimeoutMs: 2500 });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(2500);
    } finally {
      closeDatabase(db, silentLogger);
    }
    expect(db.open).toBe(false);
  });

  it('migrates a file only once: reopening applies nothing', () => {
    const first = createMemoryLogger();
    data.open(first).cache.close();
    const second = createMemoryLogger();
    data.open(second).cache.close();

    expect(first.entries.some((entry) => entry.message.includes('applied migration 1'))).toBe(true);
    expect(second.entries.filter((entry) => entry.message.includes('applied migration'))).toEqual([]);
  });

  it('refuses a file written by a newer app, with a sentence that says what to do, and leaves it alone', () => {
    const file = join(data.dir(), 'cache.db');
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();

    const open = () => openCache(data.dir(), { logger: silentLogger });

    expect(open).toThrow(CacheError);
    expect(open).toThrow(
      `cache file ${file} was written by a newer On-Call Cockpit (schema 99, this version knows ${LATEST_SCHEMA_VERSION}); update the app or point --data-dir elsewhere`,
    );
    expect(inspect(file, (db) => db.pragma('user_version', { simple: true }))).toBe(99);
    expect(readdirSync(data.dir()).filter((name) => name.includes('corrupt'))).toEqual([]);
  });
});

describe('openCache: a damaged file', () => {
  it('moves a file that is not a database aside and starts an empty, working cache', () => {
    const file = join(data.dir(), 'cache.db');
    const garbage = Buffer.from('this is not an SQLite file at all\n'.repeat(200));
    writeFileSync(file, garbage);
    const logger = createMemoryLogger();

    const { cache, recoveredFrom } = data.open(logger);

    expect(recoveredFrom).toMatch(/cache\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z\.db$/);
    expect(readFileSync(recoveredFrom!)).toEqual(garbage);
    const warning = logger.entries.find((entry) => entry.level === 'warn');
    expect(warning?.message).toContain(`cache file ${join(data.dir(), 'cache.db')} was damaged`);
    expect(warning?.message).toContain(`moved it to ${recoveredFrom!}`);
    expect(cache.alerts.listAlerts(filter()).total).toBe(0);
    cache.applyPoll(okStatus(1, 1), { alerts: snapshotAt(1, [makeAlert('a1')]) });
    expect(cache.alerts.listAlerts(filter()).items.map((alert) => alert.fingerprint)).toEqual(['a1']);
  });

  it('moves aside a real cache whose pages were overwritten', () => {
    const { cache, file } = data.open();
    const alerts = Array.from({ length: 300 }, (_, index) => makeAlert(`f${index}`));
    cache.applyPoll(okStatus(1, alerts.length), { alerts: snapshotAt(1, alerts) });
    cache.close();
    const descriptor = openSync(file, 'r+');
    writeSync(descriptor, Buffer.alloc(8192, 0xab), 0, 8192, 3 * 4096);
    closeSync(descriptor);

    const reopened = data.open();

    expect(reopened.recoveredFrom).toBeDefined();
    expect(reopened.cache.alerts.listAlerts(filter()).total).toBe(0);
  });
});

describe('openCache: the start-up check', () => {
  const skipped = (logger: ReturnType<typeof createMemoryLogger>) =>
    logger.entries.some((entry) => entry.message.includes('quick_check skipped'));

  it('skips quick_check after a clean close, and runs it when the last run did not close cleanly', () => {
    const first = data.open();
    first.cache.applyPoll(okStatus(1, 1), { alerts: snapshotAt(1, [makeAlert('f1')]) });
    first.cache.close();
    expect(existsSync(`${first.file}.clean`)).toBe(true);

    const afterCleanClose = createMemoryLogger();
    const second = data.open(afterCleanClose);
    expect(skipped(afterCleanClose)).toBe(true);
    // The marker is consumed at open: if this run is killed, the next start checks the file.
    expect(existsSync(`${second.file}.clean`)).toBe(false);

    const afterCrash = createMemoryLogger();
    data.open(afterCrash);
    expect(skipped(afterCrash)).toBe(false);
  });
});

describe('openCache: restart', () => {
  it('keeps alerts, statuses and history across close and reopen, and diffs against them', () => {
    const first = data.open().cache;
    const stays = makeAlert('stays', { severity: 'critical' });
    const goes = makeAlert('goes');
    first.applyPoll(okStatus(1, 2), { alerts: snapshotAt(1, [stays, goes]) });
    first.applyPoll(failedStatus(2, 'am-staging'), {});
    first.close();

    const second = data.open().cache;
    expect(second.alerts.listAlerts(filter()).items.map((alert) => alert.id)).toEqual([stays.id, goes.id]);
    expect(second.sources.list().map((status) => [status.sourceId, status.state])).toEqual([
      ['am-prod', 'ok'],
      ['am-staging', 'stale'],
    ]);
    expect(second.alerts.getHistory(stays.id).map((event) => event.kind)).toEqual(['appeared']);

    // The first poll after a restart compares with what the file holds: no duplicate "appeared".
    const result = second.applyPoll(okStatus(3, 1), {
      alerts: snapshotAt(3, [{ ...stays, updatedAt: snapshotAt(3, []).takenAt }]),
    }).alerts!;
    expect(result.events.map((event) => [event.kind, event.alertId])).toEqual([['resolved', goes.id]]);
    expect(second.alerts.getAlert(goes.id)).toMatchObject({
      state: 'resolved',
      endsAt: new Date(minuteMs(3)).toISOString(),
    });
  });
});
