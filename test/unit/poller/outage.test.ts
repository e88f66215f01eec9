import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceConfig } from '../../../src/config/schema.js';
import { DEFAULT_SEVERITY_MAPPING } from '../../../src/domain/index.js';
import type { Connector } from '../../../src/connectors/types.js';
import { SourceError } from '../../../src/connectors/types.js';
import { silentLogger } from '../../../src/logger.js';
import { createPoller } from '../../../src/poller/poller.js';
import type { PollResult } from '../../../src/poller/poller.js';

const source: SourceConfig = {
  id: 'am',
  kind: 'alertmanager',
  name: 'am',
  urls: ['http://127.0.0.1:1'],
  intervalMs: 15_000,
  timeoutMs: 10_000,
  tls: { insecureSkipVerify: false },
  severity: DEFAULT_SEVERITY_MAPPING,
  serviceLabels: ['service'],
  maxBytes: 1024,
};

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-21T03:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a 30-minute backend outage', () => {
  it('costs about one request a minute once backoff is capped, and the first poll after recovery refreshes everything', async () => {
    const requestTimes: number[] = [];
    let backendUp = true;
    const connector: Connector = {
      kind: 'alertmanager',
      poll: () => {
        requestTimes.push(Date.now());
        if (!backendUp) return Promise.reject(new SourceError('source "am": could not connect'));
        return Promise.resolve({
          sourceId: 'am',
          takenAt: new Date().toISOString(),
          alerts: [],
        });
      },
    };
    const results: PollResult[] = [];
    const poller = createPoller({
      sources: [source],
      connectorFor: () => connector,
      http: { request: () => Promise.reject(new Error('unused')) },
      clock: { now: () => Date.now() },
      logger: silentLogger,
      onResult: (result) => results.push(result),
      random: seededRandom(42),
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(results.at(-1)?.status.state).toBe('ok');

    backendUp = false;
    const outageStart = Date.now();
    requestTimes.length = 0;
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    const capReachedAt = outageStart + 5 * 60_000;
    const atCap = requestTimes.filter((time) => time >= capReachedAt);
    // 25 minutes at the cap: about one request a minute (full jitter over a 2-minute window).
    expect(atCap.length).toBeGreaterThanOrEqual(12);
    expect(atCap.length).toBeLessThanOrEqual(38);
    expect(requestTimes.length).toBeLessThanOrEqual(45);
    expect(results.at(-1)?.status).toMatchObject({ state: 'stale' });
    expect(results.at(-1)?.status.consecutiveFailures).toBe(requestTimes.length);

    backendUp = true;
    const recoveredAt = Date.now();
    const before = results.length;
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    const firstSuccess = results.slice(before).find((result) => result.status.state === 'ok');
    expect(firstSuccess?.snapshot).toBeDefined();
    expect(Date.parse(firstSuccess!.status.lastSuccessAt!) - recoveredAt).toBeLessThanOrEqual(120_000);
    // Back at the normal interval: several polls within the next minute.
    const polledBefore = requestTimes.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requestTimes.length - polledBefore).toBeGreaterThanOrEqual(3);
    await poller.stop();
  });
});
