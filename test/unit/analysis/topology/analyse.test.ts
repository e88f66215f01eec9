import { describe, expect, it } from 'vitest';
import { analyseTopology, indexGraph, reach } from '../../../../src/analysis/topology/index.js';
import type { TopologyAlert } from '../../../../src/analysis/topology/index.js';
import type { AlertMappingRule, ConfigItem, Relation } from '../../../../src/domain/index.js';
import { alert, dependsOn, generatedEstate, item } from '../../../support/topology-estate.js';

// web → api → cache → db (→: depends on)
const chain = {
  items: ['web', 'api', 'cache', 'db', 'search'].map((name) => item(name)),
  relations: [
    dependsOn('web', 'api'),
    dependsOn('api', 'cache'),
    dependsOn('cache', 'db'),
    dependsOn('search', 'db'),
  ],
};

const analyse = (input: {
  items: readonly ConfigItem[];
  relations: readonly Relation[];
  alerts: readonly TopologyAlert[];
  rules?: readonly AlertMappingRule[];
}) =>
  analyseTopology({
    index: indexGraph(input.items, input.relations),
    alerts: input.alerts,
    rules: input.rules,
  });
const reachedSet = (reached: ReturnType<typeof reach>) => new Set(reached.nodes);

describe('topology analysis', () => {
  it('colours a node by its worst firing or acknowledged alert; silenced and info alerts do not make it fail', () => {
    const analysis = analyse({
      ...chain,
      alerts: [
        alert('web', 'warning'),
        alert('web', 'info'),
        alert('api', 'critical', { state: 'silenced' }),
        alert('db', 'high', { state: 'acknowledged' }),
        alert('search', 'info'),
      ],
    });
    const health = Object.fromEntries(analysis.index.items.map((one, at) => [one.name, analysis.health[at]]));
    expect(health).toEqual({ web: 'warning', api: 'ok', cache: 'ok', db: 'critical', search: 'ok' });
    expect(analysis.alertsOf[analysis.index.indexOf.get('component:default/api') ?? -1]).toHaveLength(1);
  });

  it('folds the alerts of failing dependents under the lowest failing node, through healthy nodes too', () => {
    const analysis = analyse({
      ...chain,
      alerts: [
        alert('db'),
        alert('db'),
        alert('api', 'warning'),
        alert('web'),
        alert('web'),
        alert('search'),
      ],
    });
    expect(analysis.folds).toEqual([
      {
        rootId: 'component:default/db',
        rootName: 'db',
        severity: 'critical',
        alertCount: 6,
        folded: ['component:default/search', 'component:default/api', 'component:default/web'],
        foldedNames: ['search', 'api', 'web'],
      },
    ]);
  });

  it('does not fold a failing node that has no failing cause', () => {
    const analysis = analyse({ ...chain, alerts: [alert('web'), alert('search')] });
    expect(analysis.folds).toEqual([]);
  });

  it('lists impact upwards (transitive, by hops) and suspects downwards, lowest failing first', () => {
    const analysis = analyse({
      ...chain,
      alerts: [alert('db'), alert('cache', 'warning'), alert('web')],
    });
    expect(analysis.impactOf('component:default/db').map((one) => [one.name, one.hops])).toEqual([
      ['cache', 1],
      ['search', 1],
      ['api', 2],
      ['web', 3],
    ]);
    expect(analysis.suspectsOf('component:default/web').map((one) => [one.name, one.root, one.hops])).toEqual(
      [
        ['db', true, 3],
        ['cache', false, 2],
      ],
    );
    expect(analysis.impactOf('component:default/nowhere')).toEqual([]);
  });

  it('reports a dependency cycle once and folds a failing cycle under one of its members, never looping', () => {
    const analysis = analyse({
      items: ['a', 'b', 'c', 'd'].map((name) => item(name)),
      relations: [dependsOn('a', 'b'), dependsOn('b', 'a'), dependsOn('c', 'a'), dependsOn('d', 'd')],
      alerts: [alert('a'), alert('b'), alert('b'), alert('c')],
    });
    expect(analysis.cycles).toEqual([['component:default/a', 'component:default/b']]);
    expect(analysis.folds).toHaveLength(1);
    expect(analysis.folds[0]).toMatchObject({ rootName: 'b', foldedNames: ['a', 'c'], alertCount: 4 });
    expect(analysis.suspectsOf('component:default/c').map((one) => one.name)).toEqual(['b', 'a']);
    expect(analysis.impactOf('component:default/a').map((one) => one.name)).toEqual(['b', 'c']);
  });

  it('maps alerts by config rule first, then an entity selector annotation, then the service name', () => {
    const items = [
      item('payments-api', { annotations: { 'prometheus.io/alert-selector': 'app=pay, env="prod"' } }),
      item('payments-db', { kind: 'resource', id: 'resource:default/payments-db' }),
      item('checkout'),
    ];
    const analysis = analyse({
      items,
      relations: [],
      rules: [{ labels: { db: 'pg-main' }, entity: 'resource:default/payments-db' }],
      alerts: [
        alert('x', 'critical', { id: 'a1', labels: { db: 'pg-main', app: 'pay', env: 'prod' } }),
        alert('x', 'critical', { id: 'a2', labels: { app: 'pay', env: 'prod' } }),
        alert('Checkout', 'critical', { id: 'a3', labels: {} }),
        alert('unknown', 'critical', { id: 'a4' }),
        alert('x', 'critical', { id: 'a5', service: undefined, labels: { app: 'pay' } }),
      ],
    });
    const mapped = Object.fromEntries(
      [...analysis.itemOfAlert].map(([id, at]) => [id, analysis.index.items[at]?.name]),
    );
    expect(mapped).toEqual({ a1: 'payments-db', a2: 'payments-api', a3: 'checkout' });
  });

  it('on generated estates: every fold root has no failing cause and causes every node folded under it', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const estate = generatedEstate({ items: 300, relations: 900, failing: 40, cycles: 3, seed });
      const analysis = analyse(estate);
      const failing = (at: number) => analysis.health[at] !== 'ok';
      for (const fold of analysis.folds) {
        const root = analysis.index.indexOf.get(fold.rootId) as number;
        const causes = [...reach(analysis.index.affectedBy, root).nodes].filter(failing);
        // A root's only failing causes are members of its own cycle.
        const below = reachedSet(reach(analysis.index.affects, root));
        expect(causes.every((cause) => below.has(cause))).toBe(true);
        for (const id of fold.folded) expect(below.has(analysis.index.indexOf.get(id) as number)).toBe(true);
      }
      // Every failing node with a failing cause outside its own cycle is folded.
      analysis.index.items.forEach((_item, at) => {
        if (!failing(at)) return;
        const downstream = reachedSet(reach(analysis.index.affects, at));
        const outside = [...reach(analysis.index.affectedBy, at).nodes].filter(
          (cause) => failing(cause) && !downstream.has(cause),
        );
        if (outside.length > 0) expect(analysis.rootOf[at]).not.toBe(-1);
      });
    }
  });
});
