/**
 * The battle map's layered layout: what a service stands on is drawn below it, the picture is the
 * same for the same graph whatever its health, and a graph of long dependency chains is spread to a
 * wall's proportions instead of a narrow column.
 */
import { describe, expect, it } from 'vitest';
import type { TopologyEdge, TopologyNode } from '../../../src/domain/index.js';
import { layeredLayout } from '../../../renderer/topology/layout';
import type { Point } from '../../../renderer/topology/layout';

const node = (name: string, health: TopologyNode['health'] = 'ok'): TopologyNode => ({
  id: `component:default/${name}`,
  kind: 'component',
  name,
  health,
  alertCount: 0,
});
const dependsOn = (from: string, to: string): TopologyEdge => ({
  from: `component:default/${from}`,
  to: `component:default/${to}`,
  type: 'dependsOn',
});

function aspect(positions: ReadonlyMap<string, Point>): number {
  const xs = [...positions.values()].map((point) => point.x);
  const ys = [...positions.values()].map((point) => point.y);
  return (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
}

/** `layers` layers of `width` services, each depending on one service of the layer below. */
function chains(layers: number, width: number): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (let layer = 0; layer < layers; layer += 1) {
    for (let index = 0; index < width; index += 1) {
      nodes.push(node(`s-${layer}-${index}`));
      if (layer > 0) edges.push(dependsOn(`s-${layer}-${index}`, `s-${layer - 1}-${(index * 7) % width}`));
    }
  }
  return { nodes, edges };
}

describe('layeredLayout', () => {
  it('draws a dependency below what depends on it, and a cycle ends', () => {
    const nodes = [node('web'), node('api'), node('db')];
    const edges = [dependsOn('web', 'api'), dependsOn('api', 'db'), dependsOn('db', 'web')];
    const positions = layeredLayout(nodes, edges);
    expect(positions.size).toBe(3);
    const y = (name: string) => positions.get(`component:default/${name}`)?.y ?? Number.NaN;
    expect(y('api')).toBeLessThan(y('db'));
    expect(y('web')).toBeLessThan(y('api'));
  });

  it('gives the same positions for the same graph whatever its health', () => {
    const { nodes, edges } = chains(6, 5);
    const failing = nodes.map((one, index) =>
      index % 4 === 0 ? { ...one, health: 'critical' as const } : one,
    );
    expect([...layeredLayout(failing, edges)]).toEqual([...layeredLayout(nodes, edges)]);
  });

  it('spreads a graph of long chains sideways to a wall’s 16:9, keeping every layer’s order', () => {
    const { nodes, edges } = chains(30, 10);
    const positions = layeredLayout(nodes, edges);
    expect(aspect(positions)).toBeCloseTo(16 / 9, 5);
    const row = [0, 1, 2, 3].map((index) => positions.get(`component:default/s-10-${index}`)?.x ?? 0);
    expect(row).toEqual([...row].sort((a, b) => a - b));
  });

  it('leaves a graph already as wide as a wall as it is, and widens a single chain at most 4 times', () => {
    const wide = chains(4, 24);
    const positions = layeredLayout(wide.nodes, wide.edges);
    expect(aspect(positions)).toBeGreaterThan(16 / 9);
    const x = (name: string) => positions.get(`component:default/${name}`)?.x ?? Number.NaN;
    expect(x('s-0-1') - x('s-0-0')).toBe(26);

    const thin = chains(40, 2);
    expect(aspect(layeredLayout(thin.nodes, thin.edges))).toBeLessThan(16 / 9);
  });
});
