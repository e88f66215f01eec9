/**
 * The battle map's graph option: node labels and symbols are sized from the view's type size, so the
 * graph a 4K wall shows is as readable across a room as the rest of the wall, and a failing node's
 * name stands out from the healthy ones.
 */
import { describe, expect, it } from 'vitest';
import type { TopologyEdge, TopologyNode } from '../../../src/domain/index.js';
import {
  ALL_LABELS_MAX,
  buildGraphOption,
  LABEL_ZOOM,
  labelsAtZoom,
} from '../../../renderer/topology/build-graph-option';
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

type Series = Readonly<{
  label: Readonly<{ show: boolean }>;
  emphasis: Readonly<{ disabled: boolean }>;
  data: readonly Readonly<{ id: string; label: Readonly<{ show?: boolean; formatter: string }> }>[];
  edges: readonly Readonly<{ source: string; target: string; lineStyle: Readonly<{ width: number }> }>[];
}>;

/** A chain of `count` services, every tenth one failing, owned by team-a. */
function chain(count: number): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const nodes: TopologyNode[] = Array.from({ length: count }, (_, index) => ({
    id: `component:default/svc-${index}`,
    kind: 'component',
    name: `svc-${index}`,
    owner: 'group:default/team-a',
    health: index % 10 === 0 ? 'critical' : 'ok',
    alertCount: index % 10 === 0 ? 1 : 0,
  }));
  const edges: TopologyEdge[] = nodes.slice(1).map((node, index) => ({
    from: `component:default/svc-${index}`,
    to: node.id,
    type: 'dependsOn',
  }));
  return { nodes, edges };
}

function seriesOf(option: ReturnType<typeof buildGraphOption>): Series {
  return (option.series as readonly Series[])[0] as Series;
}

describe('topology graph names', () => {
  it('names every node of a small graph, the failing ones with their owner', () => {
    const { nodes, edges } = chain(ALL_LABELS_MAX);
    const series = seriesOf(
      buildGraphOption(nodes, edges, layeredLayout(nodes, edges), 'dark', 16, undefined),
    );
    expect(series.label.show).toBe(true);
    expect(series.emphasis.disabled).toBe(false);
    const byId = new Map(series.data.map((datum) => [datum.id, datum]));
    expect(byId.get('component:default/svc-0')?.label.formatter).toBe('svc-0\n{owner|team-a}');
    expect(byId.get('component:default/svc-1')?.label.formatter).toBe('svc-1');
  });

  it('in a large graph names the failing nodes and, zoomed out, not the healthy ones', () => {
    const { nodes, edges } = chain(500);
    const option = buildGraphOption(nodes, edges, layeredLayout(nodes, edges), 'dark', 16, undefined);
    const series = seriesOf(option);
    expect(series.label.show).toBe(false);
    // Pointing at a node there repaints nothing.
    expect(series.emphasis.disabled).toBe(true);
    const shown = series.data.filter((datum) => datum.label.show === true).map((datum) => datum.id);
    expect(shown).toHaveLength(50);
    expect(shown.every((id) => Number(id.split('-')[1]) % 10 === 0)).toBe(true);
    // Zoomed in, every name is shown; zoomed out again, the option is the one that was built.
    expect(seriesOf(labelsAtZoom(option, LABEL_ZOOM)).label.show).toBe(true);
    expect(labelsAtZoom(option, LABEL_ZOOM / 2)).toBe(option);
  });

  it('names the selected node’s neighbours and draws its edges thick', () => {
    const { nodes, edges } = chain(500);
    const selected = 'component:default/svc-42';
    const series = seriesOf(
      buildGraphOption(nodes, edges, layeredLayout(nodes, edges), 'dark', 16, selected),
    );
    const shown = series.data.filter((datum) => datum.label.show === true).map((datum) => datum.id);
    for (const id of ['component:default/svc-41', selected, 'component:default/svc-43']) {
      expect(shown).toContain(id);
    }
    expect(shown).not.toContain('component:default/svc-44');
    const thick = series.edges.filter((edge) => edge.lineStyle.width === 3);
    expect(thick.map((edge) => `${edge.source}>${edge.target}`)).toEqual([
      'component:default/svc-41>component:default/svc-42',
      'component:default/svc-42>component:default/svc-43',
    ]);
  });
});
