import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/domain/index.js';
import { LARGE_POLL_RECORDS, createCockpitCore } from '../../src/core.js';
import { demoConfig, startDemoSources } from '../../src/demo/index.js';
import { silentLogger } from '../../src/logger.js';
import { startCoreWorker } from '../../src/worker/remote-core.js';

const host = globalThis as { gc?: () => void };
const hostGc = host.gc;
afterEach(() => {
  host.gc = hostGc;
});

describe('the core after a large poll', () => {
  it('asks V8 for one full collection when the host exposes gc, and not after ordinary polls', async () => {
    const gc = vi.fn();
    host.gc = gc;
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-core-memory-'));
    const config = demoConfig({ alerts: LARGE_POLL_RECORDS });
    const demo = await startDemoSources(config.sources, systemClock);
    const core = await createCockpitCore({
      config: { ...config, sources: demo.sources },
      dataDir,
      logger: silentLogger,
      demos: demo.demos,
    });
    try {
      await core.poller.pollNow();
      expect(core.poller.statuses()[0]).toMatchObject({ state: 'ok' });
      await vi.waitFor(() => expect(gc).toHaveBeenCalledTimes(1));

      // The same estate again: only what changed is parsed, far fewer than LARGE_POLL_RECORDS.
      await core.poller.pollNow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(gc).toHaveBeenCalledTimes(1);
    } finally {
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the core worker both hosts run', () => {
  it('can give memory back: gc is defined in the worker, without any node flag', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-core-worker-'));
    const core = await startCoreWorker({
      config: demoConfig({ alerts: 100 }),
      dataDir,
      logger: silentLogger,
      logLevel: 'error',
    });
    try {
      expect(process.execArgv).not.toContain('--expose-gc');
      expect(core.info.releasesMemory).toBe(true);
    } finally {
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
