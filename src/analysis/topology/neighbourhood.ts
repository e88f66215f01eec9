import type { GraphIndex } from './graph.js';
import { neighboursOf } from './graph.js';

/** The nodes within `depth` hops of `start` along failure in either direction. */
export function neighbourhood(index: GraphIndex, start: number, depth: number): Set<number> {
  const seen = new Set<number>([start]);
  let frontier = [start];
  for (let hop = 0; hop < depth && frontier.length > 0; hop += 1) {
    const next: number[] = [];
    for (const node of frontier) {
      for (const edges of [index.affects, index.affectedBy]) {
        for (const other of neighboursOf(edges, node)) {
          if (seen.has(other)) continue;
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return seen;
}
