import { describe, expect, it } from 'vitest';
import type { ConfigItem, Relation, SourceStatus, TopologyGraph } from '../../../../src/domain/index.js';
import { useTempDataDir } from '../temp-cache.js';

const data = useTempDataDir();

const item = (name: string, kind: ConfigItem['kind'] = 'component'): ConfigItem => ({
  id: `${kind}:default/${name}`,
  kind,
  namespace: 'default',
  name,
  tags: [],
  links: [],
  annotations: {},
});
const dep = (from: string, to: string): Relation => ({
  from: `component:default/${from}`,
  type: 'dependsOn',
  to: `component:default/${to}`,
});
const graph = (
  takenAt: string,
  items: ConfigItem[],
  relations: Relation[],
  problems: string[] = [],
): TopologyGraph => ({
  sourceId: 'catalog',
  takenAt,
  items,
  relations,
  problems,
});
const ok = (at: string): SourceStatus => ({
  sourceId: 'catalog',
  state: 'ok',
  lastSuccessAt: at,
  lastAttemptAt: at,
  consecutiveFailures: 0,
  itemCount: 0,
});

const T1 = '2026-12-01T08:00:00.000Z';
const T2 = '2026-12-01T09:00:00.000Z';

describe('the topology store', () => {
  it('replaces a source graph per poll and dates what disappeared, so the graph at a past time is answerable', () => {
    const { cache } = data.open();
    cache.applyPoll(ok(T1), {
      topology: graph(T1, [item('web'), item('api'), item('db')], [dep('web', 'api'), dep('api', 'db')]),
    });
    const applied = cache.applyPoll(ok(T2), {
      topology: graph(
        T2,
        [item('web'), item('api'), item('cache')],
        [dep('web', 'api'), dep('api', 'cache')],
        ['one problem'],
      ),
    });
    expect(applied.topology).toMatchObject({
      itemsAdded: 1,
      itemsRemoved: 1,
      relationsAdded: 1,
      relationsRemoved: 1,
    });

    const now = cache.topology.graph();
    expect(now.items.map((one) => one.item.name).sort()).toEqual(['api', 'cache', 'web']);
    expect(now.relations.map((r) => `${r.from}>${r.to}`)).not.toContain(
      'component:default/api>component:default/db',
    );

    const before = cache.topology.graph(Date.parse('2026-12-01T08:30:00Z'));
    expect(before.items.map((one) => one.item.name).sort()).toEqual(['api', 'db', 'web']);
    const gone = before.relations.find((r) => r.to === 'component:default/db');
    expect(gone).toMatchObject({ validFrom: T1, validTo: T2 });
    expect(cache.topology.problems()).toEqual([
      { sourceId: 'catalog', takenAt: T2, problems: ['one problem'] },
    ]);
  });

  it('keeps the last good graph when a poll fails, marked stale', () => {
    const { cache } = data.open();
    cache.applyPoll(ok(T1), { topology: graph(T1, [item('web')], []) });
    cache.applyPoll(
      { ...ok(T1), state: 'stale', lastAttemptAt: T2, lastError: 'down', consecutiveFailures: 1 },
      {},
    );
    const now = cache.topology.graph();
    expect(now.items).toEqual([{ item: item('web'), sourceId: 'catalog', stale: true }]);
  });

  it('forgets a source no longer configured and prunes rows that ended before the retention', () => {
    const { cache } = data.open();
    cache.applyPoll(ok(T1), { topology: graph(T1, [item('web'), item('db')], [dep('web', 'db')]) });
    cache.applyPoll(ok(T2), { topology: graph(T2, [item('web')], []) });
    expect(cache.topology.pruneBefore(Date.parse('2026-12-02T00:00:00Z'))).toBe(2);
    expect(cache.topology.graph(Date.parse('2026-12-01T08:30:00Z')).items).toHaveLength(1);
    cache.forgetSourcesExcept([]);
    expect(cache.topology.graph().items).toEqual([]);
  });
});
