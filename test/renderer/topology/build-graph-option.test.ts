/**
 * The battle map's graph option: node labels and symbols are sized from the view's type size, so the
 * graph a 4K wall shows is as readable across a room as the rest of the wall, and a failing node's
 * name stands out from the healthy ones.
 */
import { describe, expect, it } from 'vitest';
import type { TopologyEdge, TopologyNode } from '../../../src/domain/index.js';
import { buildGraphOption } from '../../../renderer/topology/build-graph-option';
import { layeredLayout } from '../../../renderer/topology/layout';

const NODES: TopologyNode[] = [
  {
    id: 'component:default/payments-api',
    kind: 'component',
    name: 'payments-api',
    owner: 'group:default/team-payments',
    health: 'critical',
    alertCount: 3,
  },
  { id: 'resource:default/payments-db', kind: 'resource', name: 'payments-db', health: 'ok', alertCount: 0 },
];
const EDGES: TopologyEdge[] = [
  { from: 'component:default/payments-api', to: 'resource:default/payments-db', type: 'dependsOn' },
];

type NodeDatum = Readonly<{
  name: string;
  symbolSize: number;
  label: Readonly<{
    fontSize: number;
    rich: Readonly<{ owner: Readonly<{ fontSize: number }> }>;
  }>;
}>;

/** The node data at a type size (16 px at 1080p, 32 px at 4K), by name. */
function nodesAt(emPx: number): Map<string, NodeDatum> {
  const option = buildGraphOption(NODES, EDGES, layeredLayout(NODES, EDGES), 'dark', emPx, undefined);
  const series = (option.series as readonly { data: NodeDatum[] }[])[0];
  return new Map((series?.data ?? []).map((datum) => [datum.name, datum]));
}

describe('topology graph sizes', () => {
  it('scales names, owners and symbols with the wall: at 4K twice the size of 1080p', () => {
    const hd = nodesAt(16);
    const uhd = nodesAt(32);
    for (const name of ['payments-api', 'payments-db']) {
      expect(uhd.get(name)?.label.fontSize).toBe(2 * (hd.get(name)?.label.fontSize ?? 0));
      expect(uhd.get(name)?.symbolSize).toBe(2 * (hd.get(name)?.symbolSize ?? 0));
    }
    expect(uhd.get('payments-api')?.label.rich.owner.fontSize).toBeGreaterThanOrEqual(20);
    expect(uhd.get('payments-db')?.label.fontSize).toBeGreaterThanOrEqual(24);
  });

  it('sets a failing node’s name larger than a healthy one', () => {
    const uhd = nodesAt(32);
    expect(uhd.get('payments-api')?.label.fontSize).toBeGreaterThan(
      uhd.get('payments-db')?.label.fontSize ?? 0,
    );
    expect(uhd.get('payments-api')?.symbolSize).toBeGreaterThan(uhd.get('payments-db')?.symbolSize ?? 0);
  });

  it('keeps labels legible in a small window', () => {
    const small = nodesAt(8);
    expect(small.get('payments-db')?.label.fontSize).toBeGreaterThanOrEqual(11);
    expect(small.get('payments-api')?.label.rich.owner.fontSize).toBeGreaterThanOrEqual(10);
  });
});
