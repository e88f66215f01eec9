import { statSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CacheError } from '../../../src/cache/index.js';
import { makeAlert, okStatus, snapshotAt } from '../../unit/cache/alert-fixtures.js';
import { filter, useTempDataDir } from './temp-cache.js';

const data = useTempDataDir();

/** Runs SQL on the cache file through a second connection, as another process could. */
function execOnFile(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('applyPoll', () => {
  it('writes the status and the alerts of a poll in one transaction: a failed write keeps neither', () => {
    const { cache, file } = data.open();
    const first = makeAlert('first');
    const second = makeAlert('second');
    cache.applyPoll(okStatus(1, 1), { alerts: snapshotAt(1, [first]) });
    // The alert write fails half-way: the rows are in, the history insert is refused.
    execOnFile(
      file,
      `CREATE TRIGGER refuse_history BEFORE INSERT ON alert_history BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
    );

    const failing = () => cache.applyPoll(okStatus(2, 2), { alerts: snapshotAt(2, [first, second]) });
    expect(failing).toThrow(CacheError);
    expect(failing).toThrow(/could not save the poll of source "am-prod" to cache file .*disk full/);

    // Neither the status nor any alert of the failed poll was kept.
    expect(cache.sources.list()).toEqual([okStatus(1, 1)]);
    expect(cache.alerts.listAlerts(filter()).items.map((alert) => alert.id)).toEqual([first.id]);
    expect(cache.alerts.getAlert(second.id)).toBeUndefined();

    // What the store remembers stayed in step with the file: the next poll inserts "second" again.
    execOnFile(file, 'DROP TRIGGER refuse_history;');
    const applied = cache.applyPoll(okStatus(3, 2), { alerts: snapshotAt(3, [first, second]) }).alerts;
    expect(applied).toMatchObject({ inserted: 1, resolved: 0 });
    expect(applied?.events.map((event) => [event.kind, event.alertId])).toEqual([['appeared', second.id]]);
    expect(cache.sources.list()).toEqual([okStatus(3, 2)]);
  });

  it('writes only the status of a poll without products, and leaves the alerts in place', () => {
    const { cache } = data.open();
    const alert = makeAlert('kept');
    cache.applyPoll(okStatus(1, 1), { alerts: snapshotAt(1, [alert]) });

    const applied = cache.applyPoll(
      { ...okStatus(2, 0), state: 'stale', lastSuccessAt: okStatus(1, 1).lastSuccessAt },
      {},
    );

    expect(applied).toEqual({});
    expect(cache.sources.list().map((status) => status.state)).toEqual(['stale']);
    expect(cache.alerts.getAlert(alert.id)).toMatchObject({ state: 'firing', stale: true });
  });
});

describe('the WAL checkpoint', () => {
  it('runs after a poll is applied, not inside its commit, and a close with one pending keeps the poll', async () => {
    const { cache, file } = data.open();
    const alerts = Array.from({ length: 3000 }, (_, index) => makeAlert(`fp-${index}`));
    cache.applyPoll(okStatus(1, alerts.length), { alerts: snapshotAt(1, alerts) });
    // The commit left its ~1 000+ pages in the -wal file (SQLite's default would have copied them).
    const justCommitted = statSync(file).size;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
    await nextTurn();
    expect(statSync(file).size).toBeGreaterThan(justCommitted + 1000 * 4096);

    cache.applyPoll(okStatus(2, 1), { alerts: snapshotAt(2, [makeAlert('late')]) });
    cache.close();
    const reopened = data.open().cache;
    expect(reopened.alerts.getAlert(makeAlert('late').id)).toBeDefined();
    expect(reopened.alerts.getAlert(alerts[0]!.id)?.state).toBe('resolved');
  });
});
