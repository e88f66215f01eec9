import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../../src/notifications/decide.js';
import type {
  DecideOptions,
  NotifiableAlert,
  NotificationIntent,
  NotificationState,
} from '../../../src/notifications/decide.js';
import { NOTIFICATION_TEXT_ZH_CN } from '../../../src/notifications/text.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const MINUTE = 60_000;

function alert(id: string, overrides: Partial<NotifiableAlert> = {}): NotifiableAlert {
  return {
    id,
    sourceId: 'am-prod',
    name: `HighErrorRate-${id}`,
    severity: 'critical',
    state: 'firing',
    summary: `Error rate above 5% on ${id}`,
    service: `service-${id}`,
    startsAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

/** Runs decisions one after another, as the notifier does, and keeps the state between them. */
function session(options: Omit<DecideOptions, 'now'> = {}) {
  let state: NotificationState | undefined;
  return {
    decide(minutes: number, alerts: readonly NotifiableAlert[], extra: Partial<DecideOptions> = {}) {
      const decision = decideNotifications(state, alerts, {
        ...options,
        now: T0 + minutes * MINUTE,
        ...extra,
      });
      state = decision.state;
      return decision.intents;
    },
  };
}

const alertIds = (intents: readonly NotificationIntent[]) =>
  intents.map((intent) => (intent.kind === 'alert' ? intent.alertId : `summary:${intent.reason}`));

describe('decideNotifications: the backlog at start', () => {
  it('does not notify per alert for what is already firing, but sums it up once', () => {
    const cockpit = session();
    const intents = cockpit.decide(0, [alert('a'), alert('b'), alert('c', { severity: 'warning' })]);
    expect(intents).toEqual([
      expect.objectContaining({
        kind: 'summary',
        reason: 'backlog',
        count: 2,
        severity: 'critical',
        alertIds: ['a', 'b'],
        title: '2 alerts firing',
      }),
    ]);
    expect(cockpit.decide(1, [alert('a'), alert('b')])).toEqual([]);
  });

  it('stays quiet at start when nothing at the threshold is firing', () => {
    expect(session().decide(0, [alert('a', { severity: 'high' })])).toEqual([]);
    expect(session().decide(0, [])).toEqual([]);
  });

  it('treats the first poll of a source that became ready later as that source’s backlog', () => {
    const cockpit = session();
    expect(cockpit.decide(0, [alert('a')], { readySourceIds: new Set(['am-prod']) })).toHaveLength(1);
    const late = [alert('x', { sourceId: 'am-dr' }), alert('y', { sourceId: 'am-dr' })];
    const intents = cockpit.decide(1, [alert('a'), ...late], {
      readySourceIds: new Set(['am-prod', 'am-dr']),
    });
    expect(alertIds(intents)).toEqual(['summary:backlog']);
    expect(intents[0]).toMatchObject({ count: 2, alertIds: ['x', 'y'] });
  });

  it('notifies for the first alert of a source that was ready and empty', () => {
    const cockpit = session();
    const ready = { readySourceIds: new Set(['am-prod', 'am-dr']) };
    expect(cockpit.decide(0, [alert('a')], ready)).toHaveLength(1);
    expect(alertIds(cockpit.decide(1, [alert('a'), alert('x', { sourceId: 'am-dr' })], ready))).toEqual([
      'x',
    ]);
  });
});

describe('decideNotifications: new alerts', () => {
  it('notifies exactly once for an alert that starts firing, with severity, service and summary', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    const payments = alert('p1', {
      service: 'payments-api',
      summary: 'Card payments fail for 12% of requests',
    });
    expect(cockpit.decide(1, [payments])).toEqual([
      {
        kind: 'alert',
        alertId: 'p1',
        severity: 'critical',
        title: 'Critical · payments-api',
        body: 'Card payments fail for 12% of requests',
        localized: {
          en: { title: 'Critical · payments-api', body: 'Card payments fail for 12% of requests' },
          'zh-CN': { title: '致命 · payments-api', body: 'Card payments fail for 12% of requests' },
        },
      },
    ]);
    expect(cockpit.decide(2, [payments])).toEqual([]);
    expect(cockpit.decide(3, [payments, payments])).toEqual([]);
  });

  it('notifies once when the same id appears twice in one view (HA members, overlapping pages)', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    expect(alertIds(cockpit.decide(1, [alert('a'), alert('a')]))).toEqual(['a']);
  });

  it('uses the alert name when the alert has no service, and the name when it has no summary', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    const [intent] = cockpit.decide(1, [alert('a', { service: undefined, summary: '', name: 'DiskFull' })]);
    expect(intent).toMatchObject({ title: 'Critical · DiskFull', body: 'DiskFull' });
  });

  it('notifies only at or above the threshold (critical by default)', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    expect(
      cockpit.decide(1, [alert('h', { severity: 'high' }), alert('w', { severity: 'warning' })]),
    ).toEqual([]);

    const lower = session({ minSeverity: 'high' });
    lower.decide(0, []);
    const intents = lower.decide(1, [
      alert('h', { severity: 'high' }),
      alert('w', { severity: 'warning' }),
      alert('c', { severity: 'critical' }),
    ]);
    expect(alertIds(intents)).toEqual(['c', 'h']);
  });

  it('never notifies for silenced, acknowledged, pending, resolved or stale alerts', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    const quiet = [
      alert('s', { state: 'silenced' }),
      alert('k', { state: 'acknowledged' }),
      alert('p', { state: 'pending' }),
      alert('r', { state: 'resolved' }),
      alert('t', { stale: true }),
    ];
    expect(cockpit.decide(1, quiet)).toEqual([]);
  });

  it('notifies when an alert escalates into the threshold', () => {
    const cockpit = session();
    cockpit.decide(0, [alert('a', { severity: 'warning' })]);
    expect(alertIds(cockpit.decide(1, [alert('a', { severity: 'critical' })]))).toEqual(['a']);
  });

  it('notifies when a silence ends and the alert is still firing', () => {
    const cockpit = session();
    cockpit.decide(0, [alert('a', { state: 'silenced' })]);
    expect(cockpit.decide(30, [alert('a', { state: 'silenced' })])).toEqual([]);
    expect(alertIds(cockpit.decide(60, [alert('a')]))).toEqual(['a']);
  });
});

describe('decideNotifications: flapping and time', () => {
  it('does not notify again when an alert flaps back within the quiet window', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    expect(cockpit.decide(1, [alert('a')])).toHaveLength(1);
    expect(cockpit.decide(2, [])).toEqual([]);
    expect(cockpit.decide(11, [alert('a')])).toEqual([]);
  });

  it('notifies again when the alert was gone for longer than the quiet window', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    cockpit.decide(1, [alert('a')]);
    cockpit.decide(2, []);
    expect(alertIds(cockpit.decide(13, [alert('a')]))).toEqual(['a']);
  });

  it('takes the quiet window from the options', () => {
    const cockpit = session({ quietWindowMs: 2 * MINUTE });
    cockpit.decide(0, []);
    cockpit.decide(1, [alert('a')]);
    cockpit.decide(2, []);
    expect(alertIds(cockpit.decide(5, [alert('a')]))).toEqual(['a']);
  });

  it('does not repeat a still-firing alert after a long gap between decisions (sleep, quiet estate)', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    cockpit.decide(1, [alert('a')]);
    expect(cockpit.decide(6 * 60, [alert('a')])).toEqual([]);
  });

  it('does not replay a source’s alerts when it recovers from being stale', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    cockpit.decide(1, [alert('a')]);
    expect(cockpit.decide(2, [alert('a', { stale: true })])).toEqual([]);
    expect(cockpit.decide(90, [alert('a', { stale: true })])).toEqual([]);
    expect(cockpit.decide(91, [alert('a')])).toEqual([]);
  });

  it('absorbs the newly eligible alerts silently when the threshold is lowered', () => {
    const cockpit = session();
    cockpit.decide(0, [alert('h', { severity: 'high' })]);
    expect(cockpit.decide(1, [alert('h', { severity: 'high' })], { minSeverity: 'high' })).toEqual([]);
    const next = cockpit.decide(2, [alert('h', { severity: 'high' }), alert('h2', { severity: 'high' })], {
      minSeverity: 'high',
    });
    expect(alertIds(next)).toEqual(['h2']);
  });
});

describe('decideNotifications: storms and text', () => {
  it('shows up to five new alerts one by one, worst first', () => {
    const cockpit = session({ minSeverity: 'warning' });
    cockpit.decide(0, []);
    const intents = cockpit.decide(1, [
      alert('w', { severity: 'warning' }),
      alert('c', { severity: 'critical' }),
      alert('h', { severity: 'high' }),
    ]);
    expect(alertIds(intents)).toEqual(['c', 'h', 'w']);
  });

  it('folds more than five new alerts into one summary and never notifies for them again', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    const storm = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => alert(id));
    const intents = cockpit.decide(1, storm);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      kind: 'summary',
      reason: 'storm',
      count: 6,
      title: '6 new alerts firing',
      body: 'Critical · service-a\nCritical · service-b\nCritical · service-c\nand 3 more',
    });
    expect(cockpit.decide(2, storm)).toEqual([]);
  });

  it('takes the storm size from the options', () => {
    const cockpit = session({ maxIndividual: 1 });
    cockpit.decide(0, []);
    expect(alertIds(cockpit.decide(1, [alert('a'), alert('b')]))).toEqual(['summary:storm']);
  });

  it('writes untrusted alert text as one plain, bounded line', () => {
    const cockpit = session();
    cockpit.decide(0, []);
    const [intent] = cockpit.decide(1, [
      alert('a', { service: 'pay\u202Egpj.exe', summary: `line one\nline two\u0007 ${'x'.repeat(500)}` }),
    ]);
    expect(intent?.title).toBe('Critical · pay gpj.exe');
    expect(intent?.body.startsWith('line one line two x')).toBe(true);
    expect(intent?.body.length).toBeLessThanOrEqual(240);
    expect(intent?.body.endsWith('…')).toBe(true);
  });

  it('speaks the language it is given', () => {
    const cockpit = session({ text: NOTIFICATION_TEXT_ZH_CN });
    expect(cockpit.decide(0, [alert('a')])[0]?.title).toBe('1 条告警正在触发');
    expect(cockpit.decide(1, [alert('a'), alert('b', { service: '支付' })])[0]?.title).toBe('致命 · 支付');
  });
});
