import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_MAPPING, mapSeverity } from '../../../../src/domain/severity.js';
import type { Severity } from '../../../../src/domain/severity.js';
import { createDemoSimulator } from '../../../../src/demo/estate/simulator.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

describe('the demo simulator (scale mode)', () => {
  it('produces 100 000 distinct alerts spread like a large estate', () => {
    const alerts = createDemoSimulator({ seed: 1, scale: 100_000 }).alertsAt(T0);
    expect(alerts).toHaveLength(100_000);
    expect(new Set(alerts.map((alert) => alert.fingerprint)).size).toBe(100_000);
    expect(new Set(alerts.map((alert) => alert.labels.alertname)).size).toBe(250);
    expect(new Set(alerts.map((alert) => alert.labels.cluster)).size).toBe(12);

    const counts: Record<Severity, number> = { critical: 0, high: 0, warning: 0, info: 0 };
    for (const alert of alerts) {
      const severity = mapSeverity(alert.labels, DEFAULT_SEVERITY_MAPPING);
      if (severity !== 'filtered') counts[severity]++;
    }
    const share = (severity: Severity) => counts[severity] / alerts.length;
    expect(share('critical')).toBeCloseTo(0.05, 2);
    expect(share('high')).toBeCloseTo(0.15, 2);
    expect(share('warning')).toBeCloseTo(0.5, 2);
    expect(share('info')).toBeCloseTo(0.3, 2);
    for (const alert of alerts.slice(0, 1000)) {
      expect(alert.startsAt).toBeLessThanOrEqual(T0);
      expect(alert.endsAt).toBeGreaterThan(T0);
    }
  });

  it('changes about churnRatio of the alerts from one tick to the next', () => {
    const simulator = createDemoSimulator({ seed: 2, scale: 20_000, churnRatio: 0.01, tickMs: 15_000 });
    const before = simulator.alertsAt(T0).map((alert) => JSON.stringify(alert));
    const sameTick = simulator.alertsAt(T0 + 1).map((alert) => JSON.stringify(alert));
    expect(sameTick).toEqual(before);
    const after = simulator.alertsAt(T0 + 15_000).map((alert) => JSON.stringify(alert));
    const changed = after.filter((alert, i) => alert !== before[i]).length;
    expect(changed / before.length).toBeGreaterThan(0.007);
    expect(changed / before.length).toBeLessThan(0.013);
  });

  it('both replaces alerts and changes their text within every tick', () => {
    const simulator = createDemoSimulator({ seed: 6, scale: 20_000, churnRatio: 0.01, tickMs: 15_000 });
    for (let tick = 0; tick < 4; tick++) {
      const at = T0 + tick * 15_000;
      const before = simulator.alertsAt(at);
      const after = simulator.alertsAt(at + 15_000);
      const changedSlots = after.flatMap((alert, slot) => (alert === before[slot] ? [] : [slot]));
      const replaced = changedSlots.filter((slot) => after[slot]?.fingerprint !== before[slot]?.fingerprint);
      const changed = changedSlots;
      expect(replaced.length / changed.length).toBeGreaterThan(0.3);
      expect(replaced.length / changed.length).toBeLessThan(0.7);
    }
  });

  it('is deterministic for a seed, whichever ticks were generated before', () => {
    const a = createDemoSimulator({ seed: 3, scale: 2000 });
    const b = createDemoSimulator({ seed: 3, scale: 2000 });
    a.alertsAt(T0 - 3_600_000);
    expect(a.alertsAt(T0)).toEqual(b.alertsAt(T0));
    expect(createDemoSimulator({ seed: 4, scale: 2000 }).alertsAt(T0)).not.toEqual(b.alertsAt(T0));
  });

  it('pads alerts to about 3 KB of JSON on request', () => {
    const alerts = createDemoSimulator({ seed: 5, scale: 5000, alertSizeBytes: 3000 }).alertsAt(T0);
    // Receivers and status are added by the server; budget them as the estimate does.
    const bytes = alerts.map((alert) => Buffer.byteLength(JSON.stringify(alert)) + 120);
    const average = bytes.reduce((sum, size) => sum + size, 0) / bytes.length;
    expect(average).toBeGreaterThan(2600);
    expect(average).toBeLessThan(3400);
    expect(Object.keys(alerts[0]?.labels ?? {}).length).toBeGreaterThan(15);
  });
});
