/**
 * Claims: what the ledger costs the reads every screen makes. With 10 000 alerts cached (`--quick`
 * too: the cost is in open claims, not alerts) and 1 000 of them claimed, a page of the list (each
 * item decorated with its claim and escalation), one alert's detail, and one claim command
 * (ledger only: `ack: none`).
 */
import { createCockpitCore } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { filledCache, offlineSource } from './fixtures.js';
import { coreConfig, median, timed } from './support.js';
import type { BenchContext } from './support.js';

const ALERTS = 10_000;
const CLAIMED = 1_000;

export async function runClaims(ctx: BenchContext): Promise<void> {
  const dataDir = await filledCache(ctx, ALERTS);
  const core = await createCockpitCore({
    config: coreConfig([{ ...offlineSource(), ack: 'none' }]),
    dataDir,
    logger: silentLogger,
  });
  ctx.onCleanup(() => core.stop());
  const ids = (await core.api.listAlerts({ limit: CLAIMED })).items.map((alert) => alert.id);
  const listPage = async () => (await timed(() => core.api.listAlerts({ limit: 100 }))).ms;
  const before: number[] = [];
  for (let rep = 0; rep < ctx.reps; rep += 1) before.push(await listPage());

  const claimTimes: number[] = [];
  for (const id of ids) {
    const { ms, value } = await timed(() => core.dispatcher.dispatch('ackAlert', { id, by: 'bench' }));
    if (!value.ok) throw new Error(`claiming ${id} failed: ${value.error.message}`);
    claimTimes.push(ms);
  }
  const after: number[] = [];
  const detail: number[] = [];
  for (let rep = 0; rep < ctx.reps; rep += 1) {
    after.push(await listPage());
    detail.push((await timed(() => core.api.getAlert({ id: ids[rep % ids.length] ?? '' }))).ms);
  }
  ctx.log(`${ids.length} of ${ALERTS} alerts claimed`);
  ctx.record('claim_command_ms', median(claimTimes), 'ms');
  ctx.record('alert_page_unclaimed_ms', median(before), 'ms');
  ctx.record('alert_page_with_1k_claims_ms', median(after), 'ms');
  ctx.record('alert_detail_with_claim_ms', median(detail), 'ms');
}
