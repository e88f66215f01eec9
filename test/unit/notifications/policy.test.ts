import { describe, expect, it } from 'vitest';
import type { NotificationPolicy, Severity } from '../../../src/domain/index.js';
import type { NotifiableAlert } from '../../../src/notifications/decide.js';
import { createAlertNotifier } from '../../../src/notifications/notifier.js';
import type { NotifyEvent } from '../../../src/notifications/notifier.js';
import {
  DEFAULT_POLICY,
  defaultTiers,
  escalationLevel,
  heldBack,
  inQuietHours,
  isEscalated,
  matchesFilters,
  NO_FILTERS,
} from '../../../src/notifications/policy.js';

const T0 = Date.parse('2026-03-01T04:00:00.000Z'); // 12:00 in Shanghai
const MINUTE = 60_000;

function alert(id: string, overrides: Partial<NotifiableAlert> = {}): NotifiableAlert {
  return {
    id,
    sourceId: 'am',
    name: `Rule-${id}`,
    severity: 'critical',
    state: 'firing',
    summary: `summary ${id}`,
    service: `svc-${id}`,
    startsAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

/** A notifier over a fake clock: the firing alerts, the claims and the policy are the test's. */
function harness(policy: NotificationPolicy = DEFAULT_POLICY, minSeverity: Severity = 'critical') {
  let now = T0;
  let firing: NotifiableAlert[] = [];
  const claimed = new Set<string>();
  const events: NotifyEvent[] = [];
  const escalated: string[][] = [];
  const notifier = createAlertNotifier({
    firing: (severities) => firing.filter((each) => severities.includes(each.severity)),
    readySourceIds: () => new Set(['am']),
    now: () => now,
    minSeverity,
    policy,
    claimedIds: () => claimed,
    onEscalate: (alerts) => escalated.push(alerts.map((each) => each.id)),
    onError: (error) => {
      throw error;
    },
  });
  notifier.onNotify((event) => events.push(event));
  return {
    notifier,
    claimed,
    escalated,
    /** Sets the firing alerts at minute `minutes`, decides, and answers the intents of that decision. */
    at(minutes: number, alerts: NotifiableAlert[] = firing) {
      now = T0 + minutes * MINUTE;
      firing = alerts;
      const before = events.length;
      notifier.check();
      return events.slice(before).flatMap((event) => event.intents);
    },
  };
}

const ids = (intents: readonly { kind: string; alertId?: string; reason?: string }[]) =>
  intents.map((intent) => (intent.kind === 'alert' ? intent.alertId : `summary:${intent.reason}`));

describe('notification policy (fake clock)', () => {
  it('tiers: critical rings persistent with sound, warning is a plain notification, info only shows', () => {
    const h = harness(DEFAULT_POLICY, 'warning');
    h.at(0, []);
    const intents = h.at(1, [
      alert('c'),
      alert('w', { severity: 'warning' }),
      alert('i', { severity: 'info' }),
    ]);
    expect(intents.map((intent) => [ids([intent])[0], intent.persistent, intent.sound])).toEqual([
      ['c', true, true],
      ['w', false, false],
    ]);
  });

  it('repeats a critical every repeat interval until someone claims it', () => {
    const h = harness();
    h.at(0, []);
    expect(ids(h.at(1, [alert('a')]))).toEqual(['a']);
    expect(ids(h.at(4))).toEqual([]);
    const repeat = h.at(6);
    expect(ids(repeat)).toEqual(['a']);
    expect(repeat[0]).toMatchObject({ repeat: true, persistent: true });
    expect(ids(h.at(8))).toEqual([]);
    h.claimed.add('a');
    expect(ids(h.at(20))).toEqual([]);
  });

  it('escalates an unclaimed critical once, 10 minutes after it started, and never a claimed one', () => {
    const h = harness();
    h.at(0, []);
    h.at(0.5, [alert('a'), alert('b', { startsAt: new Date(T0 + MINUTE).toISOString() })]);
    h.claimed.add('b');
    expect(h.escalated).toEqual([]);
    h.at(9.9);
    expect(h.escalated).toEqual([]);
    const intents = h.at(10);
    expect(h.escalated).toEqual([['a']]);
    expect(intents.find((intent) => intent.kind === 'alert' && intent.alertId === 'a')).toMatchObject({
      escalated: true,
    });
    h.at(30);
    expect(h.escalated).toEqual([['a']]);
  });

  it('quiet hours hold back rings below the breakthrough severity, across midnight in the zone', () => {
    const policy: NotificationPolicy = {
      ...DEFAULT_POLICY,
      tiers: defaultTiers('high'),
      // 11:00–13:00 Shanghai time: T0 is 12:00 there.
      quietHours: {
        fromMinutes: 11 * 60,
        toMinutes: 13 * 60,
        timeZone: 'Asia/Shanghai',
        breakthrough: 'critical',
      },
    };
    const h = harness(policy, 'high');
    h.at(0, []);
    expect(ids(h.at(1, [alert('c'), alert('h', { severity: 'high' })]))).toEqual(['c']);
    const night = {
      fromMinutes: 22 * 60,
      toMinutes: 7 * 60,
      timeZone: 'Asia/Shanghai',
      breakthrough: 'critical' as const,
    };
    expect(inQuietHours(night, Date.parse('2026-03-01T15:30:00Z'))).toBe(true); // 23:30
    expect(inQuietHours(night, Date.parse('2026-03-01T22:59:00Z'))).toBe(true); // 06:59
    expect(inQuietHours(night, Date.parse('2026-03-01T23:00:00Z'))).toBe(false); // 07:00
  });

  it('snooze holds back every ring for N minutes, but escalation still goes out', () => {
    const h = harness();
    h.at(0, []);
    h.notifier.snooze(30);
    expect(ids(h.at(1, [alert('a')]))).toEqual([]);
    expect(ids(h.at(12))).toEqual([]);
    expect(h.escalated).toEqual([['a']]);
    expect(h.notifier.snoozedUntil()).toBe(T0 + 30 * MINUTE);
    h.at(31);
    expect(h.notifier.snoozedUntil()).toBeUndefined();
    h.notifier.snooze(10);
    h.notifier.snooze(0);
    expect(h.notifier.snoozedUntil()).toBeUndefined();
  });

  it('folds a storm into one summary, as before', () => {
    const h = harness();
    h.at(0, []);
    const storm = Array.from({ length: 8 }, (_, index) => alert(`s${index}`));
    const intents = h.at(1, storm);
    expect(ids(intents)).toEqual(['summary:storm']);
    expect(intents[0]).toMatchObject({ count: 8, persistent: true });
  });

  it('a flapping alert does not re-ring within its quiet window', () => {
    const h = harness();
    h.at(0, []);
    expect(ids(h.at(1, [alert('f')]))).toEqual(['f']);
    expect(ids(h.at(2, []))).toEqual([]);
    expect(ids(h.at(3, [alert('f')]))).toEqual([]);
    // It did not start ringing again either: no repeat at the interval.
    expect(ids(h.at(9))).toEqual([]);
  });

  it('filters: an alert rings only when it matches every filter that is set', () => {
    const filters = { ...NO_FILTERS, services: ['pay'], teams: ['sre'] };
    expect(matchesFilters({ service: 'pay', labels: { team: 'sre' } }, filters)).toBe(true);
    expect(matchesFilters({ service: 'pay', labels: { team: 'dba' } }, filters)).toBe(false);
    expect(matchesFilters({ service: 'web', labels: { team: 'sre' } }, filters)).toBe(false);
    expect(matchesFilters({ labels: { env: 'prod' } }, { ...NO_FILTERS, labels: { env: 'prod' } })).toBe(
      true,
    );
    expect(matchesFilters({}, NO_FILTERS)).toBe(true);
  });

  it('escalated: firing, unclaimed, of an escalating tier, past the timeout', () => {
    const old = { severity: 'critical' as const, state: 'firing', startsAt: new Date(T0).toISOString() };
    const later = T0 + 10 * MINUTE;
    expect(isEscalated(old, false, DEFAULT_POLICY, later)).toBe(true);
    expect(isEscalated(old, true, DEFAULT_POLICY, later)).toBe(false);
    expect(isEscalated(old, false, DEFAULT_POLICY, later - 1)).toBe(false);
    expect(isEscalated({ ...old, severity: 'warning' }, false, DEFAULT_POLICY, later)).toBe(false);
    expect(isEscalated({ ...old, state: 'silenced' }, false, DEFAULT_POLICY, later)).toBe(false);
    expect(heldBack('info', DEFAULT_POLICY, { now: T0 })).toBeUndefined();
    expect(heldBack('info', DEFAULT_POLICY, { now: T0, snoozedUntil: T0 + 1 })).toBe('snoozed');
  });

  it('a ladder (A角 → B角 → lead): one message per rung, the highest only after a gap, none once claimed', () => {
    const ladder: NotificationPolicy = {
      ...DEFAULT_POLICY,
      escalationAfterMs: 10 * MINUTE,
      escalationSteps: [
        { afterMs: 10 * MINUTE, to: 'B角' },
        { afterMs: 30 * MINUTE, to: 'lead' },
      ],
    };
    const old = { severity: 'critical' as const, state: 'firing', startsAt: new Date(T0).toISOString() };
    expect([9, 10, 29, 30, 90].map((m) => escalationLevel(old, false, ladder, T0 + m * MINUTE))).toEqual([
      0, 1, 1, 2, 2,
    ]);
    expect(escalationLevel(old, true, ladder, T0 + 90 * MINUTE)).toBe(0);

    const levels: number[][] = [];
    let clock = T0;
    const notifier = createAlertNotifier({
      firing: () => [alert('a'), alert('late', { startsAt: new Date(T0 - 40 * MINUTE).toISOString() })],
      readySourceIds: () => new Set(['am']),
      now: () => clock,
      minSeverity: 'critical',
      policy: ladder,
      onEscalate: (alerts) => levels.push(alerts.map((each) => each.escalationLevel)),
      onError: (error) => {
        throw error;
      },
    });
    notifier.check();
    // "late" started 40 min ago: it goes straight to the lead, once, not through B角 first.
    expect(levels).toEqual([[2]]);
    clock = T0 + 10 * MINUTE;
    notifier.check();
    clock = T0 + 20 * MINUTE;
    notifier.check();
    clock = T0 + 30 * MINUTE;
    notifier.check();
    expect(levels).toEqual([[2], [1], [2]]);
  });
});
