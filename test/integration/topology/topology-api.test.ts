import { describe, expect, it } from 'vitest';
import { groupBoard } from '../../../src/analysis/board.js';
import { createTopologyHandlers, createTopologyModel } from '../../../src/api/impl/topology.js';
import type { Alert, ConfigItem, Relation, SourceStatus } from '../../../src/domain/index.js';
import { useTempDataDir } from '../cache/temp-cache.js';

const data = useTempDataDir();
const T1 = '2026-12-02T07:00:00.000Z';
const T2 = '2026-12-02T08:00:00.000Z';

const item = (name: string, extra: Partial<ConfigItem> = {}): ConfigItem => ({
  id: `${extra.kind ?? 'component'}:default/${name}`,
  kind: 'component',
  namespace: 'default',
  name,
  owner: 'group:default/team-payments',
  tags: [],
  links: [],
  annotations: {},
  ...extra,
});
const dependsOn = (from: string, to: string): Relation => ({
  from: from.includes(':') ? from : `component:default/${from}`,
  type: 'dependsOn',
  to: to.includes(':') ? to : `component:default/${to}`,
});
let serial = 0;
const alert = (service: string, severity: Alert['severity'] = 'critical'): Alert => ({
  id: `am:${(serial += 1)}`,
  sourceId: 'am',
  fingerprint: String(serial),
  name: `${service}-errors`,
  severity,
  state: 'firing',
  startsAt: T1,
  updatedAt: T1,
  summary: `${service} is failing`,
  description: '',
  labels: { service },
  annotations: {},
  service,
  silencedBy: [],
  inhibitedBy: [],
  receivers: [],
});
const ok = (at: string): SourceStatus => ({
  sourceId: 'catalog',
  state: 'ok',
  lastSuccessAt: at,
  lastAttemptAt: at,
  consecutiveFailures: 0,
  itemCount: 0,
});

const ITEMS = [
  item('team-payments', {
    kind: 'group',
    id: 'group:default/team-payments',
    title: 'Payments on-call',
    owner: undefined,
  }),
  item('payments-db', { kind: 'resource', id: 'resource:default/payments-db' }),
  item('payments-api'),
  item('checkout-api'),
  item('checkout-web'),
  item('search'),
];
const RELATIONS = [
  dependsOn('payments-api', 'resource:default/payments-db'),
  dependsOn('checkout-api', 'payments-api'),
  dependsOn('checkout-web', 'checkout-api'),
  { from: 'component:default/payments-api', type: 'ownedBy', to: 'group:default/team-payments' } as Relation,
];

function setUp(alerts: Alert[]) {
  const { cache } = data.open();
  cache.applyPoll(ok(T1), {
    topology: { sourceId: 'catalog', takenAt: T1, items: ITEMS, relations: RELATIONS, problems: [] },
  });
  const deps = {
    topology: cache.topology,
    alerts: { listAlerts: () => ({ total: alerts.length, items: alerts }) },
  };
  const model = createTopologyModel(deps);
  return { cache, model, handlers: createTopologyHandlers({ ...deps, model }) };
}

describe('the topology api', () => {
  it('folds a storm on the board under the failing dependency, with the folded services', () => {
    const alerts = [
      alert('payments-db'),
      alert('payments-db'),
      alert('payments-api'),
      alert('checkout-api', 'warning'),
      alert('checkout-web'),
      alert('search', 'warning'),
    ];
    const { model } = setUp(alerts);
    const board = model.foldBoard({ total: alerts.length, groups: groupBoard(alerts) });
    expect(board.folds).toEqual([
      {
        rootId: 'resource:default/payments-db',
        rootName: 'payments-db',
        severity: 'critical',
        alertCount: 5,
        rootService: 'payments-db',
        // Worst first, as the board orders its cards.
        services: ['checkout-web', 'payments-api', 'checkout-api'],
      },
    ]);
    const folded = board.groups.filter((group) => group.foldedUnder).map((group) => group.service);
    expect(folded.sort()).toEqual(['checkout-api', 'checkout-web', 'payments-api', 'payments-db']);
    expect(board.groups.find((group) => group.service === 'search')?.foldedUnder).toBeUndefined();
  });

  it('answers the graph with health, a neighbourhood, and an item with impact, suspects and owner', async () => {
    const { handlers } = setUp([alert('payments-db'), alert('checkout-web', 'warning')]);
    const graph = await handlers.getTopology({ depth: 2 });
    expect(graph.nodes.map((node) => node.name).sort()).toEqual([
      'checkout-api',
      'checkout-web',
      'payments-api',
      'payments-db',
      'search',
    ]);
    expect(graph.nodes.find((node) => node.name === 'checkout-web')).toMatchObject({
      health: 'warning',
      alertCount: 1,
      foldedUnder: 'resource:default/payments-db',
    });
    expect(graph.edges).toHaveLength(3);
    const around = await handlers.getTopology({ around: 'resource:default/payments-db', depth: 1 });
    expect(around.nodes.map((node) => node.name).sort()).toEqual(['payments-api', 'payments-db']);

    const detail = await handlers.getTopologyItem({ id: 'component:default/checkout-web' });
    expect(detail.suspects.map((one) => [one.name, one.root])).toEqual([['payments-db', true]]);
    expect(detail.owner?.title).toBe('Payments on-call');
    expect(detail.relations).toEqual([
      { type: 'dependsOn', id: 'component:default/checkout-api', name: 'checkout-api', health: 'ok' },
    ]);
    const db = await handlers.getTopologyItem({ id: 'resource:default/payments-db' });
    expect(db.impact.map((one) => one.name)).toEqual(['payments-api', 'checkout-api', 'checkout-web']);
    expect(db.fold?.foldedNames).toEqual(['checkout-web']);
    await expect(handlers.getTopologyItem({ id: 'component:default/nope' })).rejects.toThrow(
      /not in the topology/,
    );
  });

  it('answers the graph as it was before a relation disappeared', async () => {
    const { cache, handlers } = setUp([]);
    cache.applyPoll(ok(T2), {
      topology: {
        sourceId: 'catalog',
        takenAt: T2,
        items: ITEMS,
        relations: RELATIONS.slice(1),
        problems: [],
      },
    });
    expect((await handlers.getTopology({ depth: 2 })).edges).toHaveLength(2);
    const before = await handlers.getTopology({ depth: 2, at: '2026-12-02T07:30:00Z' });
    expect(before.edges).toHaveLength(3);
    expect(before.at).toBe('2026-12-02T07:30:00.000Z');
  });

  it('gives an alert its place: impact, suspects, owner and the node it is folded under', () => {
    const alerts = [alert('payments-db'), alert('checkout-api')];
    const { model } = setUp(alerts);
    const place = model.alertTopology(alerts[1] as Alert);
    expect(place).toMatchObject({
      itemId: 'component:default/checkout-api',
      owner: { id: 'group:default/team-payments', name: 'team-payments', title: 'Payments on-call' },
      impactCount: 1,
      foldedUnder: { id: 'resource:default/payments-db', name: 'payments-db' },
    });
    expect(place?.suspects.map((one) => one.name)).toEqual(['payments-db']);
    expect(model.alertTopology(alert('not-in-the-catalog'))).toBeUndefined();
  });

  it('tells "what changed" how far a change service is below the alert service, within two hops', () => {
    const { model } = setUp([]);
    expect(model.serviceDistance('checkout-web', 'checkout-web')).toBe(0);
    expect(model.serviceDistance('checkout-web', 'checkout-api')).toBe(1);
    expect(model.serviceDistance('checkout-web', 'payments-api')).toBe(2);
    expect(model.serviceDistance('checkout-web', 'payments-db')).toBeUndefined();
    expect(model.serviceDistance('payments-db', 'checkout-web')).toBeUndefined();
    expect(model.serviceDistance('checkout-web', 'unknown')).toBeUndefined();
  });
});
