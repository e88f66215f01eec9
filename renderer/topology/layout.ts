import type { TopologyEdge, TopologyNode } from '../../src/domain/index.js';

export type Point = Readonly<{ x: number; y: number }>;

/**
 * A layered layout: dependencies below, dependents above (a node's layer is the longest chain of
 * `dependsOn`/`partOf`/API links under it), each layer in rows of at most `perRow`, ordered by system
 * then name. Deterministic from the graph's shape alone, so health changes on every poll never move
 * a node; only a changed graph does. Cycles are cut where the walk meets them. Pure.
 */
export function layeredLayout(
  nodes: readonly TopologyNode[],
  edges: readonly TopologyEdge[],
  perRow = 24,
): Map<string, Point> {
  const ids = new Set(nodes.map((node) => node.id));
  // below[a] = what a stands on (a's dependencies, the system it is part of goes above it).
  const below = new Map<string, string[]>();
  const add = (upper: string, lower: string) => {
    if (!ids.has(upper) || !ids.has(lower) || upper === lower) return;
    const list = below.get(upper) ?? [];
    list.push(lower);
    below.set(upper, list);
  };
  for (const edge of edges) {
    if (edge.type === 'dependsOn' || edge.type === 'consumesApi') add(edge.from, edge.to);
    else if (edge.type === 'partOf' || edge.type === 'providesApi') add(edge.to, edge.from);
  }
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const layerOf = (start: string): number => {
    // Iterative post-order: a chain of thousands must not overflow the stack.
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    visiting.add(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const children = below.get(frame.id) ?? [];
      if (frame.next < children.length) {
        const child = children[frame.next] as string;
        frame.next += 1;
        if (!layer.has(child) && !visiting.has(child)) {
          visiting.add(child);
          stack.push({ id: child, next: 0 });
        }
        continue;
      }
      stack.pop();
      visiting.delete(frame.id);
      let depth = 0;
      for (const child of children) depth = Math.max(depth, (layer.get(child) ?? -1) + 1);
      layer.set(frame.id, depth);
    }
    return layer.get(start) ?? 0;
  };
  const byLayer = new Map<number, TopologyNode[]>();
  for (const node of nodes) {
    const at = layer.has(node.id) ? (layer.get(node.id) ?? 0) : layerOf(node.id);
    const list = byLayer.get(at) ?? [];
    list.push(node);
    byLayer.set(at, list);
  }
  const positions = new Map<string, Point>();
  let row = 0;
  for (const at of [...byLayer.keys()].sort((a, b) => a - b)) {
    const list = (byLayer.get(at) ?? []).sort(
      (a, b) => (a.system ?? '').localeCompare(b.system ?? '') || a.name.localeCompare(b.name),
    );
    for (let start = 0; start < list.length; start += perRow) {
      const slice = list.slice(start, start + perRow);
      slice.forEach((node, index) => {
        // Centre each row; stagger odd rows so edges between neighbours do not overlap.
        const x = (index - (slice.length - 1) / 2) * 26 + (row % 2) * 8;
        positions.set(node.id, { x, y: -row * 10 });
      });
      row += 1;
    }
    row += 0.5;
  }
  return widened(positions);
}

/** Walls are 16:9: a graph drawn narrower than that is spread sideways to it. */
const WALL_ASPECT = 16 / 9;
/** At most this much wider, so a long chain of single nodes stays a readable column. */
const MAX_WIDEN = 4;

/**
 * A graph of many thin layers (long dependency chains) comes out far taller than wide, and the
 * view fits it to the box keeping its proportions: on a wall it filled a quarter of the width with
 * labels on top of each other. Its x coordinates are stretched towards 16:9 instead; a graph as
 * wide as that or wider is unchanged. Depends on the positions alone, so still on the shape alone.
 */
function widened(positions: Map<string, Point>): Map<string, Point> {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const { x, y } of positions.values()) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  if (!(width > 0) || !(height > 0) || width / height >= WALL_ASPECT) return positions;
  const factor = Math.min(MAX_WIDEN, (WALL_ASPECT * height) / width);
  const stretched = new Map<string, Point>();
  for (const [id, { x, y }] of positions) stretched.set(id, { x: x * factor, y });
  return stretched;
}
