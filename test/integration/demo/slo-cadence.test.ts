import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_WINDOW_REFRESH_MS, sloConnector } from '../../../src/connectors/slo/index.js';
import type { SloSourceConfig } from '../../../src/connectors/slo/config.js';
import { createDemoSimulator } from '../../../src/demo/index.js';
import { DEFAULT_DEMO_SEED } from '../../../src/demo/estate/simulator.js';
import { startDemoPrometheus } from '../../../src/demo/prometheus/prometheus-server.js';
import type { DemoPrometheus } from '../../../src/demo/prometheus/prometheus-server.js';
import { DEFAULT_BURN_FACTORS } from '../../../src/domain/index.js';
import type { SloDefinition } from '../../../src/domain/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import type { IHttpClient } from '../../../src/http/types.js';
import { silentLogger } from '../../../src/logger.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');

const definition: SloDefinition = {
  id: 'pay',
  name: 'pay',
  service: 'payment-api',
  objective: 0.9995,
  window: { kind: 'rolling', ms: 30 * 86_400_000 },
  indicator: {
    kind: 'events',
    errorQuery: 'sum(rate(http_requests_total{service="payment-api",code=~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total{service="payment-api"}[{{.window}}]))',
  },
  origin: { format: 'inline' },
  labels: {},
};

describe('SLO evaluation cadence', () => {
  let prometheus: DemoPrometheus;
  let now = NOW;
  const asked: string[] = [];

  beforeAll(async () => {
    prometheus = await startDemoPrometheus({
      simulator: createDemoSimulator({ seed: DEFAULT_DEMO_SEED }),
      clock: { now: () => now },
    });
  });
  afterAll(async () => {
    await prometheus?.close();
  });

  it('asks the 1d, 3d and SLO windows every few minutes, the short windows every poll', async () => {
    const real = createHttpClient({ logger: silentLogger });
    const http: IHttpClient = {
      request(request) {
        const query = new URL(request.url).searchParams.get('query');
        if (query?.includes('cockpit_slo_window')) asked.push(query);
        return real.request(request);
      },
    };
    const source: SloSourceConfig = {
      id: 'slo',
      kind: 'slo',
      name: 'SLOs',
      urls: [prometheus.url],
      intervalMs: 60_000,
      timeoutMs: 10_000,
      tls: { insecureSkipVerify: false },
      maxBytes: 64 * 1024 ** 2,
      prometheusSourceId: 'demo',
      slo: {
        sourceId: 'demo',
        intervalMs: 60_000,
        minEvents: 10,
        factors: DEFAULT_BURN_FACTORS,
        definitions: [definition],
        problems: [],
        scenarios: [],
      },
    };
    const state = sloConnector.createState(source);
    const poll = async () => {
      const products = await sloConnector.poll(
        {
          source,
          http,
          clock: { now: () => now },
          logger: silentLogger,
          signal: new AbortController().signal,
        },
        state,
      );
      return products.slo?.statuses[0];
    };
    const first = await poll();
    now += 60_000;
    const second = await poll();
    now += LONG_WINDOW_REFRESH_MS;
    await poll();
    expect(
      asked.map((query) => ['[30d]', '[3d]', '[1d]', '[5m]'].filter((range) => query.includes(range))),
    ).toEqual([['[30d]', '[3d]', '[1d]', '[5m]'], ['[5m]'], ['[30d]', '[3d]', '[1d]', '[5m]']]);
    // The second poll kept the long windows' answers: the same budget, the same 3d burn.
    expect(second?.errorBudget.remaining).toBe(first?.errorBudget.remaining);
    expect(second?.burnRates['3d']).toBe(first?.burnRates['3d']);
    expect(second?.burnRates['5m']).not.toBeNull();
  });
});
