import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/schema.js';
import { alertmanagerConnector } from '../../../src/connectors/alertmanager/index.js';
import { DEFAULT_SEVERITY_MAPPING } from '../../../src/domain/index.js';
import type { Connector } from '../../../src/connectors/types.js';
import { SourceError } from '../../../src/connectors/types.js';
import { silentLogger } from '../../../src/logger.js';
import { createPoller } from '../../../src/poller/poller.js';
import type { PollResult } from '../../../src/poller/poller.js';
import { createFakeClock, runFor } from '../../support/fake-clock.js';

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

describe('a 30-minute backend outage', () => {
  it('costs about one request a minute once backoff is capped, and the first poll after recovery refreshes everything', async () => {
    const requestTimes: number[] = [];
    let backendUp = true;
    const clock = createFakeClock(Date.parse('2026-11-21T03:00:00Z'));
    const connector: Connector = {
      kind: 'alertmanager',
      configSchema: alertmanagerConnector.configSchema,
      produces: ['alerts'],
      createState: () => undefined,
      actions: {},
      poll: () => {
        requestTimes.push(clock.now());
        if (!backendUp) return Promise.reject(new SourceError('source "am": could not connect'));
        return Promise.resolve({
          alerts: { sourceId: 'am', takenAt: new Date(clock.now()).toISOString(), alerts: [] },
        });
      },
    };
    const results: PollResult[] = [];
    const poller = createPoller({
      sources: [source],
      connectorFor: () => connector,
      http: { request: () => Promise.reject(new Error('unused')) },
      clock,
      logger: silentLogger,
      onResult: (result) => results.push(result),
      random: seededRandom(42),
    });
    poller.start();
    await runFor(clock, 60_000);
    expect(results.at(-1)?.status.state).toBe('ok');

    backendUp = false;
    const outageStart = clock.now();
    requestTimes.length = 0;
    await runFor(clock, 30 * 60_000);
    const capReachedAt = outageStart + 5 * 60_000;
    const atCap = requestTimes.filter((time) => time >= capReachedAt);
    // 25 minutes at the cap: about one request a minute (full jitter over a 2-minute window).
    expect(atCap.length).toBeGreaterThanOrEqual(12);
    expect(atCap.length).toBeLessThanOrEqual(38);
    expect(requestTimes.length).toBeLessThanOrEqual(45);
    expect(results.at(-1)?.status).toMatchObject({ state: 'stale' });
    expect(results.at(-1)?.status.consecutiveFailures).toBe(requestTimes.length);

    backendUp = true;
    const recoveredAt = clock.now();
    const before = results.length;
    await runFor(clock, 2 * 60_000);
    const firstSuccess = results.slice(before).find((result) => result.status.state === 'ok');
    expect(firstSuccess?.products?.alerts).toBeDefined();
    expect(Date.parse(firstSuccess!.status.lastSuccessAt!) - recoveredAt).toBeLessThanOrEqual(120_000);
    // Back at the normal interval: several polls within the next minute.
    const polledBefore = requestTimes.length;
    await runFor(clock, 60_000);
    expect(requestTimes.length - polledBefore).toBeGreaterThanOrEqual(3);
    await poller.stop();
  });
});
