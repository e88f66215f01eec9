import { describe, expect, it } from 'vitest';
import { groupAlerts } from '../support/board';
import { makeAlert } from '../support/fixtures';

describe('groupAlerts', () => {
  it('groups by service, then by alert name, counting each state', () => {
    const groups = groupAlerts([
      makeAlert({ id: 'a1', service: 'payments', name: 'HighErrorRate' }),
      makeAlert({ id: 'a2', service: 'payments', name: 'HighErrorRate', state: 'silenced' }),
      makeAlert({ id: 'a3', service: 'payments', name: 'SlowCheckout', state: 'acknowledged' }),
      makeAlert({ id: 'a4', service: 'login', name: 'HighErrorRate' }),
    ]);
    expect(groups.map((group) => [group.service, group.count])).toEqual([
      ['payments', 3],
      ['login', 1],
    ]);
    const payments = groups[0]!;
    expect(payments).toMatchObject({ firing: 1, silenced: 1, acknowledged: 1 });
    expect(payments.rules.map((rule) => [rule.name, rule.count])).toEqual([
      ['HighErrorRate', 2],
      ['SlowCheckout', 1],
    ]);
  });

  it('sorts worst first: severity, then count, then longest running', () => {
    const groups = groupAlerts([
      makeAlert({ id: 'w1', service: 'many-warnings', severity: 'warning' }),
      makeAlert({ id: 'w2', service: 'many-warnings', severity: 'warning' }),
      makeAlert({ id: 'w3', service: 'many-warnings', severity: 'warning' }),
      makeAlert({ id: 'c1', service: 'one-critical', severity: 'critical' }),
      makeAlert({ id: 'h1', service: 'two-high', severity: 'high' }),
      makeAlert({ id: 'h2', service: 'two-high', severity: 'high' }),
      makeAlert({ id: 'h3', service: 'two-high-older', severity: 'high', startsAt: '2026-03-10T10:00:00Z' }),
      makeAlert({ id: 'h4', service: 'two-high-older', severity: 'high', startsAt: '2026-03-10T13:00:00Z' }),
      makeAlert({ id: 'h5', service: 'one-high', severity: 'high' }),
    ]);
    expect(groups.map((group) => group.service)).toEqual([
      'one-critical',
      'two-high-older',
      'two-high',
      'one-high',
      'many-warnings',
    ]);
    expect(groups[1]!.oldestStartsAt).toBe('2026-03-10T10:00:00Z');
  });

  it('puts fully handled groups after groups that still fire, whatever their severity', () => {
    const groups = groupAlerts([
      makeAlert({ id: 's1', service: 'silenced-critical', severity: 'critical', state: 'silenced' }),
      makeAlert({ id: 'i1', service: 'firing-info', severity: 'info' }),
    ]);
    expect(groups.map((group) => group.service)).toEqual(['firing-info', 'silenced-critical']);
  });

  it('takes a group severity from its firing alerts and opens the worst, longest-running one', () => {
    const [group] = groupAlerts([
      makeAlert({ id: 'muted', service: 'api', severity: 'critical', state: 'silenced' }),
      makeAlert({ id: 'newer', service: 'api', severity: 'high', startsAt: '2026-03-10T14:10:00Z' }),
      makeAlert({ id: 'older', service: 'api', severity: 'high', startsAt: '2026-03-10T12:00:00Z' }),
    ]);
    expect(group).toMatchObject({ severity: 'high', worstAlertId: 'older' });
  });

  it('collects alerts without a service in one group', () => {
    const groups = groupAlerts([
      makeAlert({ id: 'n1', service: undefined, name: 'DiskFull' }),
      makeAlert({ id: 'n2', service: undefined, name: 'DiskFull' }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ service: undefined, count: 2 });
  });

  it('counts stale alerts by flag or by failing source, per source', () => {
    const [group] = groupAlerts(
      [
        makeAlert({ id: 'x1', sourceId: 'am-a', stale: true }),
        makeAlert({ id: 'x2', sourceId: 'am-b' }),
        makeAlert({ id: 'x3', sourceId: 'am-c' }),
      ],
      { staleSourceIds: new Set(['am-b']) },
    );
    expect(group).toMatchObject({ staleCount: 2, staleSourceIds: ['am-a', 'am-b'] });
  });

  it('returns no groups for no alerts', () => {
    expect(groupAlerts([])).toEqual([]);
  });
});
