import { describe, expect, it } from 'vitest';
import type { ChangeBatch, ChangeRecord, SourceStatus } from '../../../../src/domain/index.js';
import { useTempDataDir } from '../temp-cache.js';

const data = useTempDataDir();

const change = (id: string, startsAt: string, extra: Partial<ChangeRecord> = {}): ChangeRecord => ({
  id: `cal:${id}`,
  sourceId: 'cal',
  title: id,
  description: '',
  kind: 'release',
  services: ['checkout'],
  environment: 'prod',
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 600_000).toISOString(),
  status: 'planned',
  ...extra,
});

const batch = (
  changes: ChangeRecord[],
  from = '2026-12-01T00:00:00.000Z',
  to = '2026-12-10T00:00:00.000Z',
): ChangeBatch => ({
  sourceId: 'cal',
  takenAt: from,
  from,
  to,
  changes,
  freezes: [
    {
      name: 'sale',
      startsAt: '2026-12-05T00:00:00.000Z',
      endsAt: '2026-12-06T00:00:00.000Z',
      environments: [],
      exemptions: [],
      greenChannels: [],
      source: 'cal',
    },
  ],
});

const status = (state: SourceStatus['state']): SourceStatus => ({
  sourceId: 'cal',
  state,
  consecutiveFailures: state === 'ok' ? 0 : 1,
  itemCount: 0,
});

const ALL = {
  fromMs: Date.parse('2026-11-01T00:00:00Z'),
  toMs: Date.parse('2027-01-01T00:00:00Z'),
  limit: 100,
};

describe('the change store', () => {
  it('replaces the source’s changes inside the polled range and keeps older ones as history', () => {
    const { cache } = data.open();
    const applied = cache.applyPoll(status('ok'), {
      changes: batch([change('a', '2026-12-02T00:00:00.000Z'), change('b', '2026-12-03T00:00:00.000Z')]),
    });
    expect(applied.changes).toEqual({ inserted: 2, updated: 0, removed: 0, freezesChanged: true });
    // The next poll's window has moved on: "a" is now before it and stays; "b" was deleted at the source.
    const next = cache.applyPoll(status('ok'), {
      changes: batch([change('c', '2026-12-04T00:00:00.000Z', { title: 'c' })], '2026-12-02T12:00:00.000Z'),
    });
    expect(next.changes).toEqual({ inserted: 1, updated: 0, removed: 1, freezesChanged: false });
    expect(cache.changes.listChanges(ALL).map(({ record }) => record.id)).toEqual(['cal:a', 'cal:c']);
  });

  it('writes nothing when a poll finds what the cache has', () => {
    const { cache } = data.open();
    const changes = [change('a', '2026-12-02T00:00:00.000Z')];
    cache.applyPoll(status('ok'), { changes: batch(changes) });
    expect(cache.applyPoll(status('ok'), { changes: batch(changes) }).changes).toEqual({
      inserted: 0,
      updated: 0,
      removed: 0,
      freezesChanged: false,
    });
  });

  it('keeps the last good changes after a failed poll, marked stale, and survives a restart', () => {
    const first = data.open();
    first.cache.applyPoll(status('ok'), { changes: batch([change('a', '2026-12-02T00:00:00.000Z')]) });
    first.cache.applyPoll(status('stale'), {});
    expect(first.cache.changes.listChanges(ALL)).toMatchObject([{ record: { id: 'cal:a' }, stale: true }]);
    first.cache.close();
    const reopened = data.open().cache;
    expect(reopened.changes.listChanges(ALL)).toMatchObject([{ record: { id: 'cal:a' }, stale: true }]);
    expect(reopened.changes.freezeWindows(ALL.fromMs, ALL.toMs).map((window) => window.name)).toEqual([
      'sale',
    ]);
  });

  it('filters by range, service, kind and environment', () => {
    const { cache } = data.open();
    cache.applyPoll(status('ok'), {
      changes: batch([
        change('deploy', '2026-12-02T00:00:00.000Z'),
        change('db', '2026-12-03T00:00:00.000Z', { kind: 'database', services: ['orders-db', 'orders'] }),
        change('staging', '2026-12-04T00:00:00.000Z', { environment: 'staging' }),
      ]),
    });
    const ids = (query: Partial<Parameters<typeof cache.changes.listChanges>[0]>) =>
      cache.changes.listChanges({ ...ALL, ...query }).map(({ record }) => record.title);
    expect(ids({ services: ['orders'] })).toEqual(['db']);
    expect(ids({ kinds: ['release'] })).toEqual(['deploy', 'staging']);
    expect(ids({ environments: ['staging'] })).toEqual(['staging']);
    expect(
      ids({ fromMs: Date.parse('2026-12-02T00:05:00Z'), toMs: Date.parse('2026-12-03T12:00:00Z') }),
    ).toEqual(['deploy', 'db']);
    expect(ids({ limit: 1 })).toEqual(['deploy']);
  });

  it('prunes what ended before the retention and forgets removed sources', () => {
    const { cache } = data.open();
    cache.applyPoll(status('ok'), {
      changes: batch([change('old', '2026-12-01T01:00:00.000Z'), change('new', '2026-12-08T00:00:00.000Z')]),
    });
    expect(cache.changes.pruneBefore(Date.parse('2026-12-07T00:00:00Z'))).toBe(2);
    expect(cache.changes.listChanges(ALL).map(({ record }) => record.title)).toEqual(['new']);
    cache.forgetSourcesExcept(['other']);
    expect(cache.changes.listChanges(ALL)).toEqual([]);
  });
});
