import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_MAPPING, mapSeverity } from '../../../../src/domain/severity.js';
import { createDemoSimulator } from '../../../../src/demo/estate/simulator.js';
import type { DemoAlert } from '../../../../src/demo/estate/demo-alert.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const REQUIRED_LABELS = [
  'alertname',
  'severity',
  'service',
  'team',
  'env',
  'cluster',
  'instance',
  'namespace',
  'business_line',
];

function sample(
  seed: number,
  from: number,
  to: number,
  stepMs: number,
): { at: number; alerts: readonly DemoAlert[] }[] {
  const simulator = createDemoSimulator({ seed });
  const samples = [];
  for (let at = from; at < to; at += stepMs) samples.push({ at, alerts: simulator.alertsAt(at) });
  return samples;
}

describe('the demo simulator (live mode)', () => {
  it('gives the same alerts for the same seed and time, whatever was asked before', () => {
    const a = createDemoSimulator({ seed: 42 });
    const b = createDemoSimulator({ seed: 42 });
    a.alertsAt(T0 - 5 * HOUR);
    a.alertsAt(T0 + 3 * HOUR);
    expect(a.alertsAt(T0)).toEqual(b.alertsAt(T0));
    expect(a.stormsBetween(T0, T0 + HOUR)).toEqual(b.stormsBetween(T0, T0 + HOUR));
  });

  it('gives different alerts for a different seed', () => {
    const fingerprints = (seed: number) =>
      createDemoSimulator({ seed })
        .alertsAt(T0)
        .map((alert) => alert.fingerprint)
        .sort();
    expect(fingerprints(1)).not.toEqual(fingerprints(2));
  });

  it('keeps a baseline of roughly 10–40 firing alerts outside storms', () => {
    for (const seed of [1, 2, 3]) {
      const simulator = createDemoSimulator({ seed });
      const calm = sample(seed, T0, T0 + 12 * HOUR, 5 * MINUTE)
        .filter(({ at }) => simulator.stormsBetween(at - 3 * MINUTE, at + 1).length === 0)
        .map(({ alerts }) => alerts.length)
        .sort((x, y) => x - y);
      expect(calm.length).toBeGreaterThan(20);
      const median = calm[Math.floor(calm.length / 2)] ?? 0;
      expect(median).toBeGreaterThanOrEqual(10);
      expect(median).toBeLessThanOrEqual(40);
    }
    // 432 samples of the whole estate: seconds on a loaded CI machine, not a time being asserted.
  }, 60_000);

  it('has a storm of 20–60 alerts cascading from a shared dependency within any hour', () => {
    for (const seed of [1, 2, 3]) {
      const simulator = createDemoSimulator({ seed });
      const storms = simulator.stormsBetween(T0, T0 + HOUR);
      expect(storms.length, `seed ${seed}`).toBeGreaterThan(0);
      const storm = storms[0]!;
      expect(storm.alertCount).toBeGreaterThanOrEqual(20);
      expect(storm.alertCount).toBeLessThanOrEqual(60);
      const before = simulator.alertsAt(storm.startsAt - 1);
      let peak: readonly DemoAlert[] = [];
      for (let at = storm.startsAt; at < storm.endsAt; at += 15_000) {
        const alerts = simulator.alertsAt(at);
        if (alerts.length > peak.length) peak = alerts;
      }
      const known = new Set(before.map((alert) => alert.fingerprint));
      const added = peak.filter((alert) => !known.has(alert.fingerprint));
      expect(added.length).toBeGreaterThanOrEqual(15);
      expect(added.some((alert) => alert.labels.service === storm.rootService)).toBe(true);
      expect(new Set(added.map((alert) => alert.labels.service)).size).toBeGreaterThan(3);
      // After the storm and its tail, its alerts are gone again.
      const after = new Set(simulator.alertsAt(storm.endsAt + 1).map((alert) => alert.fingerprint));
      const rootAlerts = added.filter((alert) => alert.labels.service === storm.rootService);
      expect(rootAlerts.every((alert) => !after.has(alert.fingerprint))).toBe(true);
    }
  });

  it('resolves alerts over time and shows only alerts that are firing', () => {
    const simulator = createDemoSimulator({ seed: 5 });
    const first = simulator.alertsAt(T0);
    const later = new Map(simulator.alertsAt(T0 + 3 * HOUR).map((alert) => [alert.fingerprint, alert]));
    const stillSame = first.filter((alert) => later.get(alert.fingerprint)?.startsAt === alert.startsAt);
    expect(stillSame.length / first.length).toBeLessThan(0.35);
    for (const at of [T0, T0 + 3 * HOUR]) {
      for (const alert of simulator.alertsAt(at)) {
        expect(alert.startsAt).toBeLessThanOrEqual(at);
        expect(alert.updatedAt).toBeGreaterThanOrEqual(alert.startsAt);
        expect(alert.updatedAt).toBeLessThanOrEqual(at);
        expect(alert.endsAt).toBeGreaterThan(at);
      }
    }
  });

  it('has alerts that flap: fire, clear and fire again within minutes', () => {
    const samples = sample(9, T0, T0 + 4 * HOUR, 30_000);
    const transitions = new Map<string, number>();
    let previous = new Set<string>();
    for (const { alerts } of samples) {
      const current = new Set(alerts.map((alert) => alert.fingerprint));
      for (const fingerprint of previous) {
        if (!current.has(fingerprint)) transitions.set(fingerprint, (transitions.get(fingerprint) ?? 0) + 1);
      }
      previous = current;
    }
    const flapping = [...transitions.values()].filter((count) => count >= 3);
    expect(flapping.length).toBeGreaterThan(0);
  });

  it('labels every alert fully, with English and Chinese text and a runbook link', () => {
    const alerts = sample(11, T0, T0 + 2 * HOUR, 10 * MINUTE).flatMap(({ alerts }) => alerts);
    for (const alert of alerts) {
      for (const label of REQUIRED_LABELS)
        expect(alert.labels[label], `${label} of ${alert.labels.alertname}`).toBeTruthy();
      expect(alert.annotations.summary).toBeTruthy();
      expect(alert.annotations.description).toBeTruthy();
      expect(alert.annotations.runbook_url).toMatch(
        /^https:\/\/runbooks\.demo\.example\/[a-z0-9-]+\/[a-z0-9-]+$/,
      );
      expect(alert.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(alert.generatorURL).toMatch(
        /^http:\/\/prometheus\.[a-z0-9-]+\.demo\.example:9090\/graph\?g0\.expr=/,
      );
    }
    const chinese = /[\u4e00-\u9fff]/;
    const bilingual = alerts.filter((alert) => alert.annotations.summary_zh !== undefined);
    expect(bilingual.length).toBeGreaterThan(0);
    expect(bilingual.every((alert) => chinese.test(alert.annotations.summary_zh ?? ''))).toBe(true);
    expect(bilingual.every((alert) => !chinese.test(alert.annotations.summary ?? ''))).toBe(true);
    // Some teams write Chinese only, so the main summary is Chinese too.
    expect(alerts.some((alert) => chinese.test(alert.annotations.summary ?? ''))).toBe(true);
  });

  it('uses severity words the default mapping understands, including page and error', () => {
    const words = new Set(
      sample(3, T0, T0 + 24 * HOUR, 5 * MINUTE).flatMap(({ alerts }) =>
        alerts.map((alert) => alert.labels.severity ?? ''),
      ),
    );
    expect([...words]).toEqual(
      expect.arrayContaining(['critical', 'high', 'warning', 'info', 'page', 'error']),
    );
    for (const word of words) expect(DEFAULT_SEVERITY_MAPPING.values[word], word).toBeDefined();
    expect(mapSeverity({ severity: 'page' }, DEFAULT_SEVERITY_MAPPING)).toBe('critical');
  });
});
