/**
 * Resident memory of `serve` (its own process, as a user runs it) polling the demo backend with 10k and
 * 100k alerts: after the first poll filled the cache and a second poll saw 1% churn. `serve_peak_rss`
 * is the high-water mark (VmHWM), reached while a poll holds the parsed answer.
 */
import { startServe } from '../support/serve.js';
import { waitFor } from '../support/processes.js';
import type { SourceInfo } from '../../src/domain/index.js';
import {
  alertmanagerSource,
  percentile,
  makeTempDir,
  processMemoryMb,
  sizeName,
  sleep,
  startDemoBackend,
  writeConfigFile,
} from './support.js';
import type { BenchContext } from './support.js';

async function sourceStatus(serveUrl: string): Promise<SourceInfo | undefined> {
  const { sources } = (await (await fetch(`${serveUrl}/api/sources`)).json()) as { sources: SourceInfo[] };
  return sources[0];
}

/** Waits for a successful poll that finished after `afterIso`, and returns its time. */
async function nextSuccess(serveUrl: string, afterIso: string, minItems: number): Promise<string> {
  return waitFor(
    async () => {
      const status = await sourceStatus(serveUrl);
      const at = status?.lastSuccessAt;
      return status?.state === 'ok' && at !== undefined && at > afterIso && status.itemCount >= minItems
        ? at
        : undefined;
    },
    `a poll of ${minItems} alerts`,
    300_000,
  );
}

/** Asks the host for /api/health every 20 ms until `done` settles; returns each answer's latency. */
async function apiLatencies(serveUrl: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  done.then(
    () => (finished = true),
    () => (finished = true),
  );
  const latencies: number[] = [];
  while (!finished) {
    const start = performance.now();
    await fetch(`${serveUrl}/api/health`);
    latencies.push(performance.now() - start);
    await sleep(20);
  }
  return latencies;
}

async function rssAt(ctx: BenchContext, alerts: number): Promise<void> {
  const size = sizeName(alerts);
  ctx.log(`serve RSS at ${size}`);
  const backend = await startDemoBackend(alerts);
  const temp = makeTempDir(`rss-${size}`);
  try {
    // The cockpit's default interval; a reading right after a poll never overlaps the next one.
    const config = writeConfigFile(temp.dir, [alertmanagerSource(backend.url, { interval: '15s' })]);
    const serve = await startServe(
      ['--config', config, '--data-dir', temp.dir, '--log-level', 'warn'],
      {},
      { built: true },
    );
    try {
      const pid = serve.child.process.pid;
      if (pid === undefined) throw new Error('serve has no pid');
      const first = await nextSuccess(serve.url, '', alerts * 0.99);
      // The next poll sees 1% churn: the steady state of a running cockpit.
      await backend.advance();
      const second = nextSuccess(serve.url, first, alerts * 0.99);
      const latencies = await apiLatencies(serve.url, second);
      await second;
      await sleep(2_000);
      const memory = processMemoryMb(pid);
      ctx.record(`serve_rss_mb_${size}`, memory.rss, 'MB');
      ctx.record(`serve_peak_rss_mb_${size}`, memory.peak, 'MB');
      // What a browser waits for while the host polls (serve runs the core in a worker thread).
      ctx.record(`serve_api_ms_p99_during_poll_${size}`, percentile(latencies, 99), 'ms');
      ctx.record(`serve_api_ms_max_during_poll_${size}`, Math.max(...latencies), 'ms');
    } finally {
      await serve.stop();
    }
  } finally {
    temp.cleanup();
    await backend.stop();
  }
}

/** The memory group. */
export async function runMemory(ctx: BenchContext): Promise<void> {
  const sizes = ctx.quick ? [10_000] : [10_000, 100_000];
  for (const alerts of sizes) await rssAt(ctx, alerts);
}
