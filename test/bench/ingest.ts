/**
 * Ingest: one poll end to end (fetch → parse → validate → map → diff → commit) through the core's own
 * poller, against the demo estate's Alertmanager (3 KB alerts) in another process.
 * Cold: an empty cache. Warm: the cache holds the previous poll and 1% of the alerts changed since.
 * Then the same poll taken apart step by step (ingest-phases.ts) to say where the time goes, and the
 * event-loop delay of the process that hosts the api while it polls.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
type IntervalHistogram = ReturnType<typeof monitorEventLoopDelay>;
import { createCockpitCore } from '../../src/core.js';
import type { CockpitCore } from '../../src/core.js';
import type { FileSourceConfig } from '../../src/config/schema.js';
import { silentLogger } from '../../src/logger.js';
import {
  cachePhases,
  coldCachePhases,
  connectorPhases,
  fetchAlerts,
  okStatus,
  plainParseMs,
  scanMs,
  snapshotOf,
  storedStatesOf,
} from './ingest-phases.js';
import {
  alertmanagerSource,
  coreConfig,
  makeTempDir,
  median,
  sizeName,
  sleep,
  startDemoBackend,
  timed,
} from './support.js';
import type { BenchContext, DemoBackend } from './support.js';

/** monitorEventLoopDelay's samples include its own interval; what is left over is the delay. */
const DELAY_RESOLUTION_MS = 10;

type Delay = Readonly<{ p99: number; max: number }>;

function startDelayMonitor(): IntervalHistogram {
  const histogram = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  histogram.enable();
  return histogram;
}

function stopDelayMonitor(histogram: IntervalHistogram): Delay {
  histogram.disable();
  const ms = (ns: number) => Math.max(0, ns / 1e6 - DELAY_RESOLUTION_MS);
  return { p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}

/** One poll through the core; fails loudly if the poll did not succeed. */
async function pollOnce(core: CockpitCore, monitor: boolean): Promise<{ ms: number; delay?: Delay }> {
  const histogram = monitor ? startDelayMonitor() : undefined;
  const { ms } = await timed(() => core.poller.pollNow());
  // The cache's write is the poll's last synchronous step: let the monitor's timer fire once more,
  // or the longest stall would end after the monitor stopped and never be recorded.
  if (histogram) await sleep(DELAY_RESOLUTION_MS * 3);
  const delay = histogram ? stopDelayMonitor(histogram) : undefined;
  const status = core.poller.statuses()[0];
  if (status?.state !== 'ok')
    throw new Error(`the benchmark poll failed: ${status?.lastError ?? 'no status'}`);
  return { ms, delay };
}

async function openCore(source: Record<string, unknown>, dataDir: string): Promise<CockpitCore> {
  return createCockpitCore({ config: coreConfig([source]), dataDir, logger: silentLogger });
}

type Sized = Readonly<{ ctx: BenchContext; backend: DemoBackend; size: string; monitor: boolean }>;

/** Cold polls into fresh caches; the last core stays open (with its cache) for the warm polls. */
async function coldPolls(
  run: Sized,
  source: Record<string, unknown>,
): Promise<{ core: CockpitCore; drop(): void }> {
  const { ctx, size } = run;
  const reps = ctx.quick ? 2 : 3;
  const samples: number[] = [];
  const delays: Delay[] = [];
  for (let rep = 0; ; rep++) {
    const temp = makeTempDir(`cold-${size}`);
    const core = await openCore(source, temp.dir);
    const { ms, delay } = await pollOnce(core, run.monitor);
    samples.push(ms);
    if (delay) delays.push(delay);
    ctx.log(`  cold poll ${size} #${rep + 1}: ${ms.toFixed(0)} ms`);
    if (rep === reps - 1) {
      ctx.record(`ingest_cold_${size}_ms`, median(samples), 'ms');
      if (run.monitor) recordDelay(ctx, delays, '_cold');
      return { core, drop: temp.cleanup };
    }
    await core.stop();
    temp.cleanup();
  }
}

function recordDelay(ctx: BenchContext, delays: readonly Delay[], suffix: string): void {
  ctx.record(
    `main_loop_delay_p99_ms${suffix}${ctx.largeSuffix}`,
    median(delays.map((delay) => delay.p99)),
    'ms',
  );
  ctx.record(
    `main_loop_delay_max_ms${suffix}${ctx.largeSuffix}`,
    Math.max(...delays.map((delay) => delay.max)),
    'ms',
  );
}

/** Warm polls: each after one tick of the simulated clock, so 1% of the alerts changed. */
async function warmPolls(run: Sized, core: CockpitCore): Promise<number> {
  const { ctx, size } = run;
  const reps = ctx.quick ? 3 : 5;
  const samples: number[] = [];
  const delays: Delay[] = [];
  for (let rep = 0; rep < reps; rep++) {
    await run.backend.advance();
    const { ms, delay } = await pollOnce(core, run.monitor);
    samples.push(ms);
    if (delay) delays.push(delay);
    ctx.log(
      `  warm poll ${size} #${rep + 1}: ${ms.toFixed(0)} ms${delay ? `, loop delay max ${delay.max.toFixed(0)} ms` : ''}`,
    );
  }
  const warm = median(samples);
  ctx.record(`ingest_${size}_ms`, warm, 'ms');
  if (run.monitor) recordDelay(ctx, delays, '');
  return warm;
}

/** One warm and one cold poll taken apart, step by step. */
async function phases(run: Sized, core: CockpitCore, source: FileSourceConfig): Promise<void> {
  const { ctx, size } = run;
  // What the cache holds now (the last warm poll), then one more tick of churn.
  const previous = storedStatesOf(connectorPhases((await fetchAlerts(source)).body, source).records);
  await run.backend.advance();
  const fetched = await fetchAlerts(source);
  const steps = connectorPhases(fetched.body, source);
  const snapshot = snapshotOf(source, steps.records);
  const warm = cachePhases(core.cache, previous, snapshot, okStatus(source, steps.records.length));
  const prefix = `ingest_${size}`;
  ctx.record(`${prefix}_fetch_ms`, fetched.fetchMs, 'ms');
  // Every poll: split and hash the whole answer. The rest is what a full parse costs (a first poll).
  ctx.record(`${prefix}_scan_ms`, scanMs(fetched.body).ms, 'ms');
  ctx.record(`${prefix}_decode_ms`, steps.decodeMs, 'ms');
  ctx.record(`${prefix}_parse_ms`, steps.parseMs, 'ms');
  ctx.record(`${prefix}_validate_ms`, steps.validateMs, 'ms');
  ctx.record(`${prefix}_map_ms`, steps.mapMs, 'ms');
  ctx.record(`${prefix}_hash_ms`, warm.hashMs, 'ms');
  ctx.record(`${prefix}_diff_ms`, warm.diffMs, 'ms');
  ctx.record(`${prefix}_write_ms`, Math.max(0, warm.applyMs - warm.diffMs), 'ms');
  ctx.record(`${prefix}_rows_written`, warm.written, 'count');
  const temp = makeTempDir(`cold-phases-${size}`);
  try {
    const cold = coldCachePhases(temp.dir, source, snapshot);
    ctx.record(`ingest_cold_${size}_diff_ms`, cold.diffMs, 'ms');
    ctx.record(`ingest_cold_${size}_write_ms`, Math.max(0, cold.applyMs - cold.diffMs), 'ms');
  } finally {
    temp.cleanup();
  }
}

async function ingestAtSize(ctx: BenchContext, alerts: number, monitor: boolean): Promise<void> {
  const size = sizeName(alerts);
  ctx.log(`ingest ${size}: starting the demo backend`);
  const backend = await startDemoBackend(alerts);
  try {
    const sourceEntry = alertmanagerSource(backend.url);
    const source = coreConfig([sourceEntry]).sources[0]!;
    // The first answer also warms the backend (it formats each alert's times once).
    const { body } = await fetchAlerts(source);
    ctx.record(`payload_${size}_MB`, body.length / 1_048_576, 'MB');
    const parseMs = plainParseMs(body.toString('utf8'), ctx.reps);
    ctx.record(`json_parse_${size}_ms`, parseMs, 'ms');

    const run: Sized = { ctx, backend, size, monitor };
    const { core, drop } = await coldPolls(run, sourceEntry);
    try {
      const warm = await warmPolls(run, core);
      ctx.record(`ingest_overhead_ratio_${size}`, warm / parseMs, 'ratio');
      ctx.record(`ingest_${size}_alerts_per_s`, (alerts / warm) * 1000, 'per_s');
      await phases(run, core, source);
    } finally {
      await core.stop();
      drop();
    }
  } finally {
    await backend.stop();
  }
}

/** The ingest group: 10k, 50k and 100k alerts (10k only in --quick). */
export async function runIngest(ctx: BenchContext): Promise<void> {
  const sizes = ctx.quick ? [10_000] : [10_000, 50_000, 100_000];
  for (const alerts of sizes) await ingestAtSize(ctx, alerts, alerts === sizes.at(-1));
}
