/**
 * The topology analysis on a large estate: 5 000 items, 20 000 dependsOn relations, 500 failing
 * nodes. One run is what a board request with folding costs: alert mapping, health per node,
 * storm folding, and the impact and suspects of one node, on a graph indexed once per graph change
 * (`topology_index_ms`, reported beside it). Then the topology view in Chromium with a 500-service graph
 * (`topology_view_ms`, `topology_pan_long_tasks`: test/bench/topology-view.ts).
 */
import { analyseTopology, indexGraph } from '../../src/analysis/topology/index.js';
import { generatedEstate } from '../support/topology-estate.js';
import { median } from './support.js';
import { topologyView } from './topology-view.js';
import type { BenchContext } from './support.js';

/** The topology group. */
export async function runTopology(ctx: BenchContext): Promise<void> {
  const estate = generatedEstate({ items: 5000, relations: 20_000, failing: 500, cycles: 5, seed: 7 });
  const reps = ctx.quick ? 10 : 30;
  // Indexing runs once per graph change (a catalog poll that changed something), not per request.
  const indexing: number[] = [];
  let index = indexGraph(estate.items, estate.relations);
  for (let rep = 0; rep < reps; rep += 1) {
    const start = performance.now();
    index = indexGraph(estate.items, estate.relations);
    indexing.push(performance.now() - start);
  }
  const samples: number[] = [];
  let folds = 0;
  for (let rep = 0; rep < reps + 10; rep += 1) {
    const start = performance.now();
    const analysis = analyseTopology({ index, alerts: estate.alerts });
    const busiest = analysis.folds[0]?.rootId ?? 'component:default/svc-0';
    analysis.impactOf(busiest);
    analysis.suspectsOf('component:default/svc-4999');
    if (rep >= 10) samples.push(performance.now() - start);
    folds = analysis.folds.length;
  }
  ctx.log(`5 000 items, ${estate.relations.length} relations, 500 failing: ${folds} storms folded`);
  ctx.record('topology_index_ms', median(indexing), 'ms');
  ctx.record('topology_analyse_ms', median(samples), 'ms');
  await topologyView(ctx);
}
