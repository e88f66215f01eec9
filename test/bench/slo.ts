/**
 * SLO refresh: 200 SLOs recomputed against the demo estate's Prometheus query API, through the real
 * connector and HTTP client, counting the requests in flight (the limit is 8 per Prometheus).
 */
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
import { median } from './support.js';
import type { BenchContext } from './support.js';

const COUNT = 200;

function definitions(services: readonly string[]): SloDefinition[] {
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

/** The slo group. */
export async function runSlo(ctx: BenchContext): Promise<void> {
  const simulator = createDemoSimulator({ seed: DEFAULT_DEMO_SEED });
  const prometheus = await startDemoPrometheus({ simulator });
  ctx.onCleanup(() => prometheus.close());
  const services = simulator.estate.services.map((service) => service.id);
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
      definitions: definitions(services),
      problems: [],
      scenarios: [],
    },
  };
  const { http, maxInFlight } = counting(createHttpClient({ logger: silentLogger }));
  const state = sloConnector.createState(source);
  const poll = async () => {
    const products = await sloConnector.poll(
      { source, http, clock: systemClock, logger: silentLogger, signal: new AbortController().signal },
      state,
    );
    const evaluated = products.slo?.statuses.length ?? 0;
    if (evaluated !== COUNT) throw new Error(`only ${evaluated} of ${COUNT} SLOs were evaluated`);
  };
  // The first refresh also builds the demo's month of traffic; the number is a warm refresh.
  await poll();
  const samples: number[] = [];
  for (let rep = 0; rep < (ctx.quick ? 3 : 7); rep++) {
    const start = performance.now();
    await poll();
    samples.push(performance.now() - start);
  }
  ctx.record('slo_refresh_200_ms', median(samples), 'ms');
  ctx.record('slo_max_in_flight', maxInFlight(), 'count');
}
