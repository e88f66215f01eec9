import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createCockpitCore } from '../../src/core.js';
import type { CockpitCore } from '../../src/core.js';
import { BURN_WINDOWS, systemClock } from '../../src/domain/index.js';
import type { SloStatus } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { requireBinary } from '../support/binaries.js';
import { PROMETHEUS_BINARY } from '../support/prometheus.js';
import {
  PROMTOOL_BINARY,
  openMetricsText,
  startPrometheusWithHistory,
} from '../support/prometheus-history.js';

const { available } = requireBinary(PROMETHEUS_BINARY, 'prometheus');
requireBinary(PROMTOOL_BINARY, 'prometheus');

const MINUTE = 60_000;
// The history ends two hours ago, on a whole minute; the cockpit evaluates at that instant.
const END = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * 60 * MINUTE;
const MINUTES = 29 * 1440;
const times = Array.from({ length: MINUTES + 1 }, (_, index) => END - (MINUTES - index) * MINUTE);

/** Per minute: 600 requests; 0.3 errors, 1.2 in the last 6 h and 12 in the last hour. */
function counter(perMinute: (minutesBeforeEnd: number) => number): number[] {
  let value = 1000;
  return times.map((_, index) => (value += index === 0 ? 0 : perMinute(MINUTES - index)));
}
const totals = counter(() => 600);
const errors = counter((before) => (before < 60 ? 12 : before < 360 ? 1.2 : 0.3));

/** Two identical Pyrra SLOs (one has rules, one not) and one whose raw metrics do not exist. */
const PYRRA = ['pay-rules', 'pay-raw', 'rules-only']
  .map((name) => {
    const metric = name === 'rules-only' ? 'not_scraped' : 'pay';
    return `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata: { name: ${name}, namespace: pay }
spec:
  target: "99.9"
  window: 28d
  indicator:
    ratio:
      errors: { metric: '${metric}_errors_total{job="pay"}' }
      total: { metric: '${metric}_requests_total{job="pay"}' }
`;
  })
  .join('---\n');

/**
 * The recording rules Pyrra generates for a 28-day ratio SLO (slo/rules.go Burnrates): one per alert
 * window, named after the total metric, labelled with the SLO's name and the total's matchers.
 * `rules-only` records the pay metrics under the name of metrics Prometheus does not have.
 */
const PYRRA_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '4d'];
const RULES = `groups:
  - name: pay
    interval: 1m
    rules:
${['pay-rules', 'rules-only']
  .flatMap((slo) =>
    PYRRA_WINDOWS.map(
      (window) => `      - record: ${slo === 'rules-only' ? 'not_scraped' : 'pay'}_requests:burnrate${window}
        expr: sum(rate(pay_errors_total{job="pay"}[${window}])) / sum(rate(pay_requests_total{job="pay"}[${window}]))
        labels: { slo: ${slo}, job: pay }`,
    ),
  )
  .join('\n')}
`;

/**
 * When the rules were last evaluated before END: Prometheus offsets each group's evaluations within
 * its interval, so the cockpit evaluates at that instant, where rule and raw query see the same data.
 */
async function lastEvaluation(url: string): Promise<number> {
  const query = encodeURIComponent('timestamp(pay_requests:burnrate5m{slo="pay-rules"})');
  const body = (await (await fetch(`${url}/api/v1/query?query=${query}&time=${END / 1000}`)).json()) as {
    data: { result: { value: [number, string] }[] };
  };
  return Number(body.data.result[0]?.value[1]) * 1000;
}

describe.runIf(available)("Pyrra's recording rules against a real Prometheus", () => {
  let prometheus: Awaited<ReturnType<typeof startPrometheusWithHistory>>;
  let core: CockpitCore;
  let dir: string;
  const byId = async () => new Map((await core.api.listSlos({})).items.map((slo) => [slo.id, slo] as const));

  beforeAll(async () => {
    prometheus = await startPrometheusWithHistory(
      openMetricsText(
        [
          { family: 'pay_requests', labels: { job: 'pay' }, values: totals },
          { family: 'pay_errors', labels: { job: 'pay' }, values: errors },
        ],
        times,
      ),
      '90d',
      { file: RULES, fromMs: END - 15 * MINUTE, toMs: END + MINUTE },
    );
    const at = await lastEvaluation(prometheus.url);
    dir = mkdtempSync(join(tmpdir(), 'cockpit-slo-pyrra-'));
    writeFileSync(join(dir, 'pay.pyrra.yaml'), PYRRA);
    core = await createCockpitCore({
      config: parseConfig(
        `sources:\n  - { id: prom, kind: prometheus, url: ${prometheus.url}, interval: 1h }\nslo:\n  files: [./*.pyrra.yaml]\n  minEvents: 100\n`,
        join(dir, 'cockpit.yaml'),
        {},
      ),
      dataDir: join(dir, 'data'),
      logger: silentLogger,
      clock: { ...systemClock, now: () => at },
    });
    await core.poller.pollNow('slo');
  }, 180_000);

  afterAll(async () => {
    await core?.stop();
    await prometheus?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the burn windows Pyrra records from its rules, with the numbers of the raw queries', async () => {
    const slos = await byId();
    const recorded = slos.get('pay-rules') as SloStatus;
    const raw = slos.get('pay-raw') as SloStatus;
    // A 28-day Pyrra SLO records 5m, 30m, 1h, 2h, 6h and 1d of the cockpit's windows (4d, not 3d).
    expect(recorded).toMatchObject({ readFrom: 'pyrra-rules', state: 'page' });
    expect(recorded.recordedWindows).toEqual(['5m', '30m', '1h', '2h', '6h', '1d']);
    expect(raw.readFrom).toBeUndefined();
    expect(raw.state).toBe('page');
    for (const window of BURN_WINDOWS) {
      expect(raw.burnRates[window], window).not.toBeNull();
      expect(recorded.burnRates[window], window).toBeCloseTo(raw.burnRates[window] ?? Number.NaN, 6);
    }
    // By hand: 12 errors a minute of 600 is 0.02, twenty times the 0.1 % budget.
    expect(recorded.burnRates['1h']).toBeCloseTo(20, 6);
    expect(recorded.availability).toBeCloseTo(raw.availability ?? Number.NaN, 6);
    expect(recorded.errorBudget.remaining).toBeCloseTo(raw.errorBudget.remaining ?? Number.NaN, 6);
  });

  it('takes those windows from the rules alone, and the others from the raw queries', async () => {
    const only = (await byId()).get('rules-only') as SloStatus;
    const raw = (await byId()).get('pay-raw') as SloStatus;
    expect(only.readFrom).toBe('pyrra-rules');
    for (const window of ['5m', '30m', '1h', '2h', '6h', '1d'] as const) {
      expect(only.burnRates[window], window).toBeCloseTo(raw.burnRates[window] ?? Number.NaN, 6);
    }
    // 3d and the SLO window are asked of not_scraped_* itself, which Prometheus does not have.
    expect(only.burnRates['3d']).toBeNull();
    expect(only.state).toBe('no-data');
  });
});
