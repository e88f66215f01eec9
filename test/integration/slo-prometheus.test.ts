import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createCockpitCore } from '../../src/core.js';
import type { CockpitCore } from '../../src/core.js';
import { systemClock } from '../../src/domain/index.js';
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
const DAY = 1440 * MINUTE;
// The history ends two hours ago, on a whole minute; the cockpit evaluates at that instant.
const END = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * 60 * MINUTE;
const MINUTES = 31 * 1440;
const times = Array.from({ length: MINUTES + 1 }, (_, index) => END - (MINUTES - index) * MINUTE);

/**
 * Per minute: 600 requests; 0.3 errors, 1.2 in the last 6 h and 12 in the last hour. Both counters
 * restart from zero on day 10 (a counter reset inside the 30-day window).
 */
const RESET_AT = 10 * 1440;
function counter(perMinute: (minutesBeforeEnd: number) => number, start: number): number[] {
  const values: number[] = [];
  let value = start;
  times.forEach((_, index) => {
    const increment = index === 0 ? 0 : perMinute(MINUTES - index);
    value = index === RESET_AT ? increment : value + increment;
    values.push(value);
  });
  return values;
}
const totals = counter(() => 600, 50_000_000);
const errors = counter((before) => (before < 60 ? 12 : before < 360 ? 1.2 : 0.3), 40_000);

/** The hand computation: errors / requests over the samples inside [END − window, END]. */
function handRatio(windowMs: number): number {
  const first = times.findIndex((at) => at >= END - windowMs);
  let errorSum = 0;
  let totalSum = 0;
  for (let index = first + 1; index < times.length; index++) {
    const reset = index === RESET_AT;
    errorSum += reset ? (errors[index] ?? 0) : (errors[index] ?? 0) - (errors[index - 1] ?? 0);
    totalSum += reset ? (totals[index] ?? 0) : (totals[index] ?? 0) - (totals[index - 1] ?? 0);
  }
  return errorSum / totalSum;
}

/** Firing periods of ALERTS series, as minutes before END: [from, to). */
const FIRING: readonly (readonly [
  Readonly<Record<string, string>>,
  readonly (readonly [number, number])[],
])[] = [
  [
    { alertname: 'PaymentErrors', severity: 'critical' },
    [
      [120, 90],
      [30, 20],
    ],
  ],
  [{ alertname: 'PaymentLatency', service: 'payment-api' }, [[100, 60]]],
  // Another service's latency alert: not part of the scenario.
  [{ alertname: 'PaymentLatency', service: 'risk' }, [[300, 200]]],
];

/** Sloth's recording rules for pay-recorded, as Sloth would have recorded them (the raw metrics are absent). */
const RECORDED: Readonly<Record<string, number>> = {
  '5m': 0.01,
  '30m': 0.01,
  '1h': 0.01,
  '2h': 0.005,
  '6h': 0.002,
  '1d': 0.004,
  '3d': 0.0008,
  '30d': 0.0004,
};
function recordingRuleSeries() {
  const at = Array.from({ length: 10 }, (_, index) => END - index * MINUTE);
  return Object.entries(RECORDED).map(([window, value]) => ({
    family: `slo:sli_error:ratio_rate${window}`,
    type: 'gauge' as const,
    labels: { sloth_id: 'pay-recorded', sloth_service: 'pay', sloth_slo: 'recorded', sloth_window: window },
    values: at.map(() => value),
    times: at,
  }));
}

/** One sample in the middle of every firing minute, as a rule evaluated every minute writes them. */
function alertsSeries() {
  return FIRING.map(([labels, periods]) => {
    const at = periods.flatMap(([from, to]) =>
      Array.from({ length: from - to }, (_, index) => END - (from - index) * MINUTE + 30_000),
    );
    return {
      family: 'ALERTS',
      type: 'gauge' as const,
      labels: { ...labels, alertstate: 'firing' },
      values: at.map(() => 1),
      times: at,
    };
  });
}

const SLOTH = `version: "prometheus/v1"
service: "pay"
labels:
  owner: "payments"
slos:
  - name: "requests-availability"
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(pay_errors_total{job="pay"}[{{.window}}]))
        total_query: sum(rate(pay_requests_total{job="pay"}[{{.window}}]))
  - name: "no-such-metric"
    objective: 99
    sli:
      events:
        error_query: sum(rate(nothing_errors_total[{{.window}}]))
        total_query: sum(rate(nothing_requests_total[{{.window}}]))
  - name: "rejected"
    objective: 99
    sli:
      events:
        error_query: sum(rate(pay_errors_total[{{.window}}])
        total_query: sum(rate(pay_requests_total[{{.window}}]))
  - name: "several-series"
    objective: 99
    sli:
      events:
        error_query: sum by (code) (rate(pay_by_code_total[{{.window}}]))
        total_query: sum(rate(pay_requests_total[{{.window}}]))
  - name: "recorded"
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(not_scraped_errors_total[{{.window}}]))
        total_query: sum(rate(not_scraped_requests_total[{{.window}}]))
  - name: "nan-ratio"
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(pay_requests_total[{{.window}}])) * 0 / 0
`;

const SCENARIO =
  '  scenarios:\n    - { id: pay, name: 支付, objective: 99.95, window: 1d, alerts: [{ alertname: PaymentErrors }, { alertname: PaymentLatency, service: payment-api }] }\n';

describe.runIf(available)('SLOs against a real Prometheus with a backfilled month', () => {
  let prometheus: Awaited<ReturnType<typeof startPrometheusWithHistory>>;
  let core: CockpitCore;
  let dir: string;
  /** Stops the core and starts a new one on the same data folder, with these scenarios. */
  async function restart(scenarios: string) {
    await core.stop();
    core = await createCockpitCore({
      config: parseConfig(
        `sources:\n  - { id: prom, kind: prometheus, url: ${prometheus.url}, interval: 1h }\nslo:\n  files: [./*.sloth.yaml]\n${scenarios}`,
        join(dir, 'cockpit.yaml'),
        {},
      ),
      dataDir: join(dir, 'data'),
      logger: silentLogger,
      clock: { ...systemClock, now: () => END },
    });
  }
  const byId = async () => new Map((await core.api.listSlos({})).items.map((slo) => [slo.id, slo] as const));

  beforeAll(async () => {
    prometheus = await startPrometheusWithHistory(
      openMetricsText(
        [
          { family: 'pay_requests', labels: { job: 'pay' }, values: totals },
          { family: 'pay_errors', labels: { job: 'pay' }, values: errors },
          { family: 'pay_by_code', labels: { code: '500' }, values: errors },
          { family: 'pay_by_code', labels: { code: '503' }, values: errors },
          ...alertsSeries(),
          ...recordingRuleSeries(),
        ],
        times,
      ),
    );
    dir = mkdtempSync(join(tmpdir(), 'cockpit-slo-'));
    writeFileSync(join(dir, 'pay.sloth.yaml'), SLOTH);
    const config = parseConfig(
      `sources:\n  - { id: prom, kind: prometheus, url: ${prometheus.url}, interval: 1h }\nslo:\n  files: [./*.sloth.yaml]\n  minEvents: 100\n${SCENARIO}`,
      join(dir, 'cockpit.yaml'),
      {},
    );
    core = await createCockpitCore({
      config,
      dataDir: join(dir, 'data'),
      logger: silentLogger,
      clock: { ...systemClock, now: () => END },
    });
    await core.poller.pollNow('slo');
  }, 120_000);

  afterAll(async () => {
    await core?.stop();
    await prometheus?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('computes availability, budget and burn rates equal to the hand computation', async () => {
    const slo = (await byId()).get('pay-requests-availability') as SloStatus;
    // By hand: 30 d holds 1080 + 42 840 × 0.3 errors in 43 200 × 600 requests.
    expect(handRatio(30 * DAY)).toBeCloseTo(13_932 / 25_920_000, 12);
    expect(slo.availability).toBeCloseTo(1 - 13_932 / 25_920_000, 6);
    expect(slo.errorBudget.remaining).toBeCloseTo(1 - 13_932 / 25_920_000 / 0.001, 6);
    expect(slo.errorBudget.consumed).toBeCloseTo(0.5375, 6);
    const expected = { '5m': 20, '30m': 20, '1h': 20, '2h': 11, '6h': 5, '1d': 1.625, '3d': 0.875 };
    for (const [window, rate] of Object.entries(expected)) {
      const windowMs =
        { '5m': 5, '30m': 30, '1h': 60, '2h': 120, '6h': 360, '1d': 1440, '3d': 4320 }[window] ?? 0;
      expect(handRatio(windowMs * MINUTE) / 0.001).toBeCloseTo(rate, 9);
      expect(slo.burnRates[window as keyof typeof expected], window).toBeCloseTo(rate, 6);
    }
    expect(slo.state).toBe('page');
    expect(slo.tripping).toEqual(['page-fast']);
    // 0.4625 of the budget left at 20× over a 30-day window: 0.69375 days.
    expect(Date.parse(slo.exhaustsAt ?? '') - END).toBeCloseTo(0.69375 * DAY, -3);
    expect(slo.problem).toBeUndefined();
  });

  it("reads Sloth's recording rules where they exist instead of the raw queries", async () => {
    const slo = (await byId()).get('pay-recorded');
    expect(slo).toMatchObject({ readFrom: 'sloth-rules', state: 'ticket', tripping: ['ticket-fast'] });
    expect(slo?.availability).toBeCloseTo(0.9996, 9);
    expect(slo?.errorBudget.remaining).toBeCloseTo(0.6, 9);
    const expected = { '5m': 10, '30m': 10, '1h': 10, '2h': 5, '6h': 2, '1d': 4, '3d': 0.8 };
    for (const [window, rate] of Object.entries(expected)) {
      expect(slo?.burnRates[window as keyof typeof expected], window).toBeCloseTo(rate, 9);
    }
    // The raw SLO without rules is still asked with its own queries.
    expect((await byId()).get('pay-requests-availability')?.readFrom).toBeUndefined();
  });

  it('gives each broken SLO its own sentence and keeps the others correct', async () => {
    const slos = await byId();
    expect(slos.get('pay-no-such-metric')).toMatchObject({ state: 'no-data' });
    expect(slos.get('pay-no-such-metric')?.problem).toMatch(/no numbers for this SLO/);
    expect(slos.get('pay-rejected')).toMatchObject({ state: 'error' });
    expect(slos.get('pay-rejected')?.problem).toMatch(
      /^Prometheus rejected the query: .*; fix the SLI at .*pay\.sloth\.yaml:18$/,
    );
    expect(slos.get('pay-several-series')?.problem).toMatch(
      /^the error query returns 2 series over 5m, not one; aggregate it/,
    );
    expect(slos.get('pay-nan-ratio')).toMatchObject({ state: 'no-data' });
    expect(slos.get('pay-requests-availability')?.state).toBe('page');
  });

  it('reads the retention and the SLI over time through query_range', async () => {
    const detail = await core.api.getSlo({ id: 'pay-requests-availability', hours: 6 });
    expect(detail.sli.length).toBeGreaterThan(10);
    // The 5-minute error ratio: 0.0005 more than an hour ago, 0.02 in the last hour.
    expect(detail.sli.at(-1)?.value).toBeCloseTo(0.02, 9);
    expect(detail.sli[0]?.value).toBeCloseTo(0.0005, 9);
    expect(detail.burnDown.at(-1)?.value).toBeCloseTo(0.4625, 6);
  });

  it('computes a GOC scenario from the union of its ALERTS firing periods', async () => {
    const [pay] = (await core.api.listScenarios({})).items;
    // By hand: PaymentErrors 120–90 and 30–20, PaymentLatency 100–60 → union 120–60 and 30–20 = 70 min.
    expect(pay).toMatchObject({ id: 'pay', name: '支付', from: 'prometheus', unstableMinutes: 70 });
    expect(pay?.availability).toBeCloseTo(1 - 70 / 1440, 9);
    expect(pay?.breakdown).toEqual([
      { alert: 'PaymentErrors', minutes: 40 },
      { alert: 'PaymentLatency service=payment-api', minutes: 40 },
    ]);
    expect(pay?.mttrMinutes).toBe(35);
    expect(pay?.mtbfMinutes).toBe(90);
    // 70 min unstable of a 0.05 % budget (0.72 min a day) is far below the objective.
    expect(pay?.state).toBe('page');
  });

  it('keeps the last good numbers, marked stale, when Prometheus is down', async () => {
    await prometheus.stop();
    await core.poller.pollNow('slo');
    const slo = (await byId()).get('pay-requests-availability');
    expect(slo).toMatchObject({ stale: true, state: 'page' });
    expect(slo?.availability).toBeCloseTo(1 - 13_932 / 25_920_000, 6);
    const source = (await core.api.listSources({})).sources.find((one) => one.id === 'slo');
    expect(source).toMatchObject({ kind: 'slo', state: 'stale' });
    expect(source?.lastError).toMatch(/source "slo"/);
    // The scenario answers the numbers last computed from ALERTS, stale, and says why.
    const [pay] = (await core.api.listScenarios({})).items;
    expect(pay).toMatchObject({ stale: true, from: 'prometheus', unstableMinutes: 70, state: 'page' });
    expect(pay?.availability).toBeCloseTo(1 - 70 / 1440, 9);
    expect(pay?.updatedAt).toBe(new Date(END).toISOString());
    expect(pay?.problem).toMatch(/^showing the last numbers: Prometheus's ALERTS could not be read/);
  });

  it('shows the stored SLOs, stale, after a restart with Prometheus still down', async () => {
    await restart(SCENARIO);
    const slo = (await byId()).get('pay-requests-availability');
    expect(slo).toMatchObject({ stale: true, state: 'page' });
    expect(slo?.errorBudget.remaining).toBeCloseTo(0.4625, 6);
    // The burn-down comes from the stored evaluations when Prometheus cannot be asked.
    const detail = await core.api.getSlo({ id: 'pay-requests-availability', hours: 1 });
    expect(detail.seriesFrom).toBe('cache');
    expect(detail.seriesProblem).toMatch(/source "slo"/);
    expect(detail.burnDown.at(-1)?.value).toBeCloseTo(0.4625, 6);
    // The scenario too: the same numbers, stale, computed before the restart.
    const [pay] = (await core.api.listScenarios({})).items;
    expect(pay).toMatchObject({ stale: true, unstableMinutes: 70, mttrMinutes: 35, mtbfMinutes: 90 });
    expect(pay?.availability).toBeCloseTo(1 - 70 / 1440, 9);
    expect(pay?.breakdown).toEqual([
      { alert: 'PaymentErrors', minutes: 40 },
      { alert: 'PaymentLatency service=payment-api', minutes: 40 },
    ]);
    expect(pay?.updatedAt).toBe(new Date(END).toISOString());
  });

  it('never answers a changed scenario with the old numbers: it counts from the alert history', async () => {
    await restart(SCENARIO.replace('objective: 99.95', 'objective: 99.5'));
    const [pay] = (await core.api.listScenarios({})).items;
    // The cockpit's own alert history is empty here.
    expect(pay).toMatchObject({ stale: false, from: 'history', unstableMinutes: 0, availability: 1 });
    expect(pay?.problem).toMatch(
      /^counted from the cockpit's alert history: Prometheus's ALERTS could not be read/,
    );
  });
});
