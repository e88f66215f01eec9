import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  changesBeforeAlert,
  currentAndNextFreeze,
  withFreeze,
} from '../../../../src/analysis/changes/index.js';
import { expandCalendar, parseCalendar } from '../../../../src/connectors/calendar/expand.js';
import type { Expanded } from '../../../../src/connectors/calendar/expand.js';
import {
  calendarMappingFields,
  normalizeCalendarMapping,
} from '../../../../src/connectors/calendar/mapping.js';
import { demoChangeCalendar } from '../../../../src/demo/estate/change-calendar.js';
import { DEFAULT_DEMO_SEED, createDemoSimulator } from '../../../../src/demo/estate/simulator.js';

const NOW = Date.parse('2026-12-02T06:00:00Z');
const mapping = normalizeCalendarMapping(
  z.object(calendarMappingFields).parse({ timezone: 'Asia/Shanghai' }),
);
const simulator = createDemoSimulator({ seed: DEFAULT_DEMO_SEED, now: () => NOW });

function expandAt(nowMs: number): Expanded {
  const text = demoChangeCalendar((from, to) => simulator.stormsBetween(from, to), nowMs);
  const expanded: Expanded = { changes: [], freezes: [] };
  expandCalendar(
    parseCalendar(text, 'demo'),
    'demo',
    {
      sourceId: 'demo',
      mapping,
      fromMs: nowMs - 86_400_000,
      toMs: nowMs + 7 * 86_400_000,
    },
    expanded,
  );
  return expanded;
}

describe('the demo estate’s change calendar', () => {
  const { changes, freezes } = expandAt(NOW);

  it('has release trains, the daily config push and the weekly DB window', () => {
    const titles = new Set(changes.map((change) => change.title));
    expect(titles).toContain('[order-service] 订单服务发布车 release train');
    expect(titles).toContain('[config-center] daily config push');
    expect(changes.filter((change) => change.kind === 'config')).toHaveLength(8);
    expect(changes.find((change) => change.services[0] === 'mysql-order')?.kind).toBe('database');
  });

  it('is inside a holiday freeze now, with payment-router exempt', () => {
    expect(currentAndNextFreeze(freezes, NOW).active).toMatchObject({
      name: 'Demo holiday freeze 节日封网',
      exemptions: ['payment-router'],
    });
  });

  it('has a deploy on the root service minutes before every storm, which what-changed ranks first', () => {
    const storms = simulator.stormsBetween(NOW - 6 * 3_600_000, NOW);
    expect(storms.length).toBeGreaterThan(5);
    const marked = changes.map((change) => withFreeze(change, freezes));
    for (const storm of storms) {
      const alert = { service: storm.rootService, startsAt: new Date(storm.startsAt).toISOString() };
      const [first] = changesBeforeAlert(alert, marked);
      expect(first?.change.title).toMatch(new RegExp(`^deploy ${storm.rootService} v`));
      expect(first?.reason.minutesBefore).toBeGreaterThanOrEqual(3);
      expect(first?.reason.minutesBefore).toBeLessThanOrEqual(9);
    }
  });

  it('starts each storm with alerts on its root service, so the deploy matches a real alert', () => {
    const [storm] = simulator.stormsBetween(NOW - 3 * 3_600_000, NOW);
    expect(storm).toBeDefined();
    const alerts = simulator.alertsAt((storm?.startsAt ?? 0) + 60_000);
    expect(alerts.some((alert) => alert.labels.service === storm?.rootService)).toBe(true);
  });
});
