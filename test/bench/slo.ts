/**
 * SLO refresh: 200 SLOs recomputed against the demo estate's Prometheus query API, and against a real
 * Prometheus backfilled with a month of counters, through the real connector and HTTP client,
 * counting the requests in flight (the limit is 8 per Prometheus).
 */
import { existsSync } from 'node:fs';
import { sloConnector } from '../../src/connectors/slo/index.js';
import type { SloSourceConfig } from '../../src/connectors/slo/config.js';
import { createDemoSimulator } from '../../src/demo/index.js';
import { DEFAULT_DEMO_SEED } from '../../src/demo/estate/simulator.js';
import { startDemoPrometheus } from '../../src/demo/prometheus/prometheus-server.js';
import { DEFAULT_BURN_FACTORS, systemClock } from '../../src/domain/index.js';
import type { SloDefinition } from '../../src/domain/index.js';
import { createHttpClient } from '../../src/http/client.js';
import type { IHttpClient } from '../../src/http/types.js';
import { silentLogger } from '../../src/logger.js';
import { PROMETHEUS_BINARY } from '../support/prometheus.js';
import {
  openMetricsText,
  PROMTOOL_BINARY,
  startPrometheusWithHistory,
} from '../support/prometheus-history.js';
import type { CounterSeries } from '../support/prometheus-history.js';
import { median } from './support.js';
import type { BenchContext } from './support.js';

const COUNT = 200;

function definitions(services: readonly string[]): SloDefinition[] {
  // The demo answers `code=~"5.."`; the backfilled Prometheus has code="500", which it also matches.
  return Array.from({ length: COUNT }, (_, index) => {
    const service = services[index % services.length] ?? 'payment-api';
    return {
      id: `bench-${index}`,
      name: `availability-${index}`,
      service,
      objective: [0.999, 0.9995, 0.995][index % 3] ?? 0.999,
      window: { kind: 'rolling', ms: (index % 2 === 0 ? 30 : 28) * 86_400_000 },
      indicator: {
        kind: 'events',
        errorQuery: `sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))`,
        totalQuery: `sum(rate(http_requests_total{service="${service}"}[{{.window}}]))`,
      },
      origin: { format: 'inline' },
      labels: {},
    };
  });
}

/** The HTTP client, counting how many requests are open at once. */
function counting(http: IHttpClient): { http: IHttpClient; maxInFlight: () => number } {
  let open = 0;
  let max = 0;
  return {
    http: {
      async request(request) {
        open += 1;
        max = Math.max(max, open);
        try {
          return await http.request(request);
        } finally {
          open -= 1;
        }
      },
    },
    maxInFlight: () => max,
  };
}

/** Median time of a warm refresh of all SLOs against `url`, and the most requests seen in flight. */
async function refresh(ctx: BenchContext, url: string, services: readonly string[], nowMs: () => number) {
  const source: SloSourceConfig = {
    id: 'slo',
    kind: 'slo',
    name: 'SLOs',
    urls: [url],
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
      definitions: definitions(services),
      problems: [],
      scenarios: [],
    },
  };
  const { http, maxInFlight } = counting(createHttpClient({ logger: silentLogger }));
  const state = sloConnector.createState(source);
  const poll = async () => {
    const products = await sloConnector.poll(
      { source, http, clock: { now: nowMs }, logger: silentLogger, signal: new AbortController().signal },
      state,
    );
    const evaluated = products.slo?.statuses.length ?? 0;
    if (evaluated !== COUNT) throw new Error(`only ${evaluated} of ${COUNT} SLOs were evaluated`);
  };
  // The first refresh asks every window (and builds the demo's month of traffic); later ones within
  // five minutes ask only the short windows, as the cockpit's polls do.
  const firstStart = performance.now();
  await poll();
  const firstMs = performance.now() - firstStart;
  const samples: number[] = [];
  for (let rep = 0; rep < (ctx.quick ? 3 : 7); rep++) {
    const start = performance.now();
    await poll();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), firstMs, maxInFlight: maxInFlight() };
}

const MINUTE = 60_000;

/** A month of per-minute request and error counters for `services`, as OpenMetrics for promtool. */
function backfilledMonth(services: readonly string[], endMs: number): string {
  const minutes = 31 * 1440;
  const times = Array.from({ length: minutes + 1 }, (_, index) => endMs - (minutes - index) * MINUTE);
  const series = services.flatMap((service, ordinal): CounterSeries[] => {
    let requests = 1_000_000;
    let errors = 1_000;
    const total: number[] = [];
    const failed: number[] = [];
    times.forEach((_, index) => {
      requests += 600;
      errors += index % (60 + ordinal) === 0 ? 30 : 0.3;
      total.push(requests);
      failed.push(errors);
    });
    return [
      { family: 'http_requests', labels: { service }, values: total },
      { family: 'http_requests', labels: { service, code: '500' }, values: failed },
    ];
  });
  return openMetricsText(series, times);
}

/** The slo group. */
export async function runSlo(ctx: BenchContext): Promise<void> {
  const simulator = createDemoSimulator({ seed: DEFAULT_DEMO_SEED });
  const demo = await startDemoPrometheus({ simulator });
  ctx.onCleanup(() => demo.close());
  const services = simulator.estate.services.map((service) => service.id);
  const demoRun = await refresh(ctx, demo.url, services, () => systemClock.now());
  ctx.record('slo_refresh_200_ms', demoRun.ms, 'ms');
  ctx.record('slo_max_in_flight', demoRun.maxInFlight, 'count');

  if (!existsSync(PROMETHEUS_BINARY) || !existsSync(PROMTOOL_BINARY)) {
    ctx.log('  (no /usr/bin/prometheus or promtool: skipping the real-Prometheus refresh)');
    return;
  }
  // Ten services' month of counters in a real Prometheus; 200 SLOs over them.
  const endMs = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * 60 * MINUTE;
  const few = services.slice(0, 10);
  const started = performance.now();
  const prometheus = await startPrometheusWithHistory(backfilledMonth(few, endMs));
  ctx.onCleanup(() => prometheus.dispose());
  ctx.log(`  backfilled a month for ${few.length} services in ${Math.round(performance.now() - started)} ms`);
  const real = await refresh(ctx, prometheus.url, few, () => endMs);
  ctx.record('slo_refresh_200_prometheus_ms', real.ms, 'ms');
  ctx.record('slo_refresh_200_prometheus_all_windows_ms', real.firstMs, 'ms');
}
