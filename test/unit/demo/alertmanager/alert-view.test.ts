import { describe, expect, it } from 'vitest';
import {
  gettableAlertJson,
  selectAlerts,
  toGettableAlert,
} from '../../../../src/demo/alertmanager/alert-view.js';
import type { AlertQuery } from '../../../../src/demo/alertmanager/alert-view.js';
import { parseMatcher } from '../../../../src/demo/alertmanager/matchers.js';
import { createDemoSimulator } from '../../../../src/demo/estate/simulator.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const ALL: AlertQuery = { active: true, silenced: true, inhibited: true, unprocessed: true, filter: [] };

describe('the demo Alertmanager wire text', () => {
  it('reuses an alert’s JSON only while the alert, its receivers and its status are unchanged', () => {
    const simulator = createDemoSimulator({ seed: 9, scale: 500, churnRatio: 0.1, tickMs: 15_000 });
    const first = selectAlerts(simulator.alertsAt(T0), [], ALL, T0);
    for (const view of first) {
      expect(JSON.parse(gettableAlertJson(view).toString('utf8'))).toEqual(toGettableAlert(view));
    }
    const view = first[0];
    if (!view) throw new Error('the simulator produced no alerts');
    const alertname = view.alert.labels.alertname ?? '';

    // The same view again: the same bytes. The same alert silenced: new text with the silence in it.
    expect(gettableAlertJson(view)).toBe(gettableAlertJson(view));
    const silence = { id: 'silence-1', matchers: [parseMatcher(`alertname="${alertname}"`)] };
    const silenced = selectAlerts([view.alert], [silence], ALL, T0)[0];
    if (!silenced) throw new Error('the silenced alert was filtered out');
    const wire = JSON.parse(gettableAlertJson(silenced).toString('utf8')) as ReturnType<
      typeof toGettableAlert
    >;
    expect(wire.status).toEqual({
      inhibitedBy: [],
      mutedBy: [],
      silencedBy: ['silence-1'],
      state: 'suppressed',
    });

    // Churned alerts are new objects and get new text; unchanged ones keep theirs.
    const later = T0 + 15_000;
    const next = selectAlerts(simulator.alertsAt(later), [], ALL, later);
    const changed = next.filter((candidate) => !first.some((old) => old.alert === candidate.alert));
    expect(changed.length).toBeGreaterThan(0);
    for (const candidate of next) {
      expect(JSON.parse(gettableAlertJson(candidate).toString('utf8'))).toEqual(toGettableAlert(candidate));
    }
  });
});
