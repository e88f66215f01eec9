/**
 * Cache files filled by one real poll of the demo backend, shared by the groups of one run (filling a
 * 100k cache takes a cold poll of 300 MB). They belong to source `BENCH_SOURCE_ID`, so a `serve`
 * configured with that id and an unreachable URL starts from them offline.
 */
import { createCockpitCore } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import {
  BENCH_SOURCE_ID,
  alertmanagerSource,
  coreConfig,
  makeTempDir,
  sizeName,
  startDemoBackend,
} from './support.js';
import type { BenchContext } from './support.js';

/** Nothing listens on the discard port of loopback: polls fail at once with "connection refused". */
export const UNREACHABLE_URL = 'http://127.0.0.1:9';

const filled = new Map<number, string>();
const cleanups: (() => void)[] = [];

/** A data folder whose cache holds `alerts` alerts of source `BENCH_SOURCE_ID` (created once per run). */
export async function filledCache(ctx: BenchContext, alerts: number): Promise<string> {
  const existing = filled.get(alerts);
  if (existing !== undefined) return existing;
  ctx.log(`filling a cache with ${sizeName(alerts)} alerts (one cold poll of the demo backend)`);
  const backend = await startDemoBackend(alerts);
  const temp = makeTempDir(`cache-${sizeName(alerts)}`);
  cleanups.push(temp.cleanup);
  try {
    const core = await createCockpitCore({
      config: coreConfig([alertmanagerSource(backend.url)]),
      dataDir: temp.dir,
      logger: silentLogger,
    });
    try {
      await core.poller.pollNow();
      const status = core.poller.statuses()[0];
      if (status?.state !== 'ok')
        throw new Error(`filling the cache failed: ${status?.lastError ?? 'no status'}`);
    } finally {
      await core.stop();
    }
  } finally {
    await backend.stop();
  }
  filled.set(alerts, temp.dir);
  return temp.dir;
}

/** The source entry that opens a filled cache without reaching any backend. */
export function offlineSource(options: Readonly<{ interval?: string }> = {}): Record<string, unknown> {
  return alertmanagerSource(UNREACHABLE_URL, { id: BENCH_SOURCE_ID, timeout: '2s', ...options });
}

/** Removes every filled cache; the runner calls it once at the end. */
export function disposeFixtures(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
  filled.clear();
}
