/**
 * Queries at 100k cached alerts, through the CockpitApi as the hosts call it: the default list (top 200,
 * worst first), the overview counts, a label filter, and the war-room board's grouped read.
 */
import { createCockpitCore } from '../../src/core.js';
import type { ICockpitApi } from '../../src/api/contract.js';
import { silentLogger } from '../../src/logger.js';
import { filledCache, offlineSource } from './fixtures.js';
import { coreConfig, median } from './support.js';
import type { BenchContext } from './support.js';

async function medianMs(reps: number, query: () => Promise<unknown>): Promise<number> {
  for (let warmup = 0; warmup < 5; warmup++) await query();
  const samples: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const start = performance.now();
    await query();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function someCluster(api: ICockpitApi): Promise<string> {
  const page = await api.listAlerts({ limit: 1 });
  const cluster = page.items[0]?.labels.cluster;
  if (cluster === undefined) throw new Error('the cached alerts carry no cluster label');
  return cluster;
}

/** The queries group. */
export async function runQueries(ctx: BenchContext): Promise<void> {
  const dataDir = await filledCache(ctx, ctx.largeEstate);
  const core = await createCockpitCore({
    config: coreConfig([offlineSource()]),
    dataDir,
    logger: silentLogger,
  });
  try {
    const { api } = core;
    const reps = ctx.quick ? 20 : 100;
    const suffix = ctx.largeSuffix;
    const top = await api.listAlerts({});
    ctx.log(`queries over ${top.total} cached alerts`);
    ctx.record(`query_top200_ms${suffix}`, await medianMs(reps, () => api.listAlerts({})), 'ms');
    ctx.record(`query_counts_ms${suffix}`, await medianMs(reps, () => api.getOverview()), 'ms');
    const cluster = await someCluster(api);
    ctx.record(
      `query_filter_label_ms${suffix}`,
      await medianMs(reps, () => api.listAlerts({ label: [`cluster=${cluster}`] })),
      'ms',
    );
    // The war room's one read: every active alert grouped by service and rule (GET /api/board).
    ctx.record(`query_board_ms${suffix}`, await medianMs(ctx.quick ? 3 : 5, () => api.getBoard()), 'ms');
  } finally {
    await core.stop();
  }
}
