import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCockpitCore } from '../../../src/core.js';
import type { CockpitCore } from '../../../src/core.js';
import { createDemoSimulator, demoConfig, startDemoSources } from '../../../src/demo/index.js';
import { createSloTraffic } from '../../../src/demo/prometheus/slo-traffic.js';
import { DEFAULT_DEMO_SEED } from '../../../src/demo/estate/simulator.js';
import { SERVICES } from '../../../src/demo/estate/estate-data.js';
import { DEFAULT_SEVERITY_MAPPING, mapSeverity, systemClock } from '../../../src/domain/index.js';
import { silentLogger } from '../../../src/logger.js';

// A fixed moment, so the demo's storms are the same on every run.
const NOW = Date.parse('2026-12-02T10:00:00Z');

describe('the demo estate’s SLOs', () => {
  let core: CockpitCore;
  let dataDir: string;
  let prometheusUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-slo-'));
    const clock = { ...systemClock, now: () => NOW };
    const config = demoConfig();
    const demo = await startDemoSources(config.sources, clock);
    prometheusUrl = demo.demos[0]?.prometheusUrl ?? '';
    core = await createCockpitCore({
      config: { ...config, sources: demo.sources },
      dataDir,
      logger: silentLogger,
      demos: demo.demos,
      clock,
    });
    await core.poller.pollNow('slo');
  }, 60_000);

  afterAll(async () => {
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the Sloth and Pyrra files from assets/ and computes every SLO from the demo Prometheus', async () => {
    const { items, problems } = await core.api.listSlos({});
    expect(problems).toEqual([]);
    expect(items.map((slo) => [slo.id, slo.format]).sort()).toEqual([
      ['checkout-order-availability', 'sloth'],
      ['order-api-availability', 'pyrra'],
      ['passport-api-login-availability', 'sloth'],
      ['payment-api-pay-availability', 'sloth'],
      ['search-availability', 'pyrra'],
    ]);
    for (const slo of items) {
      expect(slo.problem, slo.id).toBeUndefined();
      expect(slo.availability, slo.id).toBeGreaterThan(0.99);
      expect(slo.burnRates['5m'], slo.id).not.toBeNull();
    }
    const detail = await core.api.getSlo({ id: 'payment-api-pay-availability', hours: 6 });
    expect(detail.seriesFrom).toBe('prometheus');
    expect(detail.sli.length).toBeGreaterThan(300);
  });

  it('computes the demo company’s GOC scenarios from its alerts through the ALERTS series', async () => {
    const { items } = await core.api.listScenarios({});
    expect(items.map((scenario) => scenario.name)).toEqual(['支付', '下单', '登录']);
    for (const scenario of items) {
      expect(scenario.problem, scenario.id).toBeUndefined();
      expect(scenario.unstableMinutes, scenario.id).toBeGreaterThan(0);
      expect(scenario.availability, scenario.id).toBeCloseTo(1 - scenario.unstableMinutes / 1440, 9);
    }
  }, 30_000);

  it('answers other queries the way Prometheus refuses what it cannot run', async () => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent('up')}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'error', errorType: 'bad_data' });
  });

  it('burns a service’s budget while a storm hurts it', () => {
    const simulator = createDemoSimulator({ seed: DEFAULT_DEMO_SEED, now: () => NOW });
    const traffic = createSloTraffic(simulator);
    const ratio = (atMs: number) => {
      const counts = traffic.counts('payment-api', 5 * 60_000, atMs);
      return counts.errors / counts.requests;
    };
    const calm = ratio(NOW);
    // The worst 5-minute error ratio of the last day is far above a calm one: a storm hurt it.
    let worst = 0;
    for (let at = NOW - 86_400_000; at <= NOW; at += 60_000) worst = Math.max(worst, ratio(at));
    expect(calm).toBeLessThan(0.0005);
    expect(worst).toBeGreaterThan(10 * 0.0003);
  });

  it('draws the war-room chart’s hours before a fresh start from the demo Prometheus’s ALERTS', async () => {
    const timeline = await core.api.getTimeline({ hours: 6, bucketMinutes: 5 });
    expect(timeline.backfill?.sourceIds).toEqual(['slo']);
    const simulator = createDemoSimulator({ seed: DEFAULT_DEMO_SEED, now: () => NOW });
    const until = Date.parse(timeline.backfill?.until ?? '');
    const before = timeline.buckets.filter((bucket) => Date.parse(bucket.at) < until);
    expect(before.length).toBeGreaterThan(60);
    // Each instant counts what the estate had firing then, by severity.
    for (const bucket of before.filter((_, index) => index % 12 === 0)) {
      const counts = { critical: 0, high: 0, warning: 0, info: 0 };
      for (const alert of simulator.alertsAt(Date.parse(bucket.at))) {
        const severity = mapSeverity(alert.labels, DEFAULT_SEVERITY_MAPPING);
        if (severity !== 'filtered') counts[severity] += 1;
      }
      expect({ ...bucket, at: undefined }, bucket.at).toEqual({ ...counts, at: undefined });
    }
    expect(before.some((bucket) => bucket.critical + bucket.high + bucket.warning > 0)).toBe(true);
  });

  it('puts the estate’s Chinese service names on the board’s groups', async () => {
    await core.poller.pollNow('demo');
    const board = await core.api.getBoard({});
    const titled = board.groups.filter((group) => group.title);
    expect(titled.length).toBeGreaterThan(0);
    for (const group of titled) {
      const service = SERVICES.find((one) => one.id === group.service);
      expect(group.title, group.service).toEqual({ 'zh-CN': service?.nameZh });
    }
  });
});
