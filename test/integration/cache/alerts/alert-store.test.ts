import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Cache } from '../../../../src/cache/index.js';
import { boardPartsOf, groupBoard, groupBoardParts } from '../../../../src/analysis/board.js';
import type { AlertRecord } from '../../../../src/domain/index.js';
import { failedStatus, makeAlert, minute, okStatus, snapshotAt } from '../../../unit/cache/alert-fixtures.js';
import { filter, useTempDataDir } from '../temp-cache.js';

const data = useTempDataDir();

function apply(cache: Cache, minutes: number, alerts: readonly AlertRecord[], sourceId = 'am-prod') {
  return cache.applyPoll(okStatus(minutes, alerts.length, sourceId), {
    alerts: snapshotAt(minutes, alerts, sourceId),
  }).alerts!;
}

const fingerprints = (page: { items: readonly { fingerprint: string }[] }) =>
  page.items.map((alert) => alert.fingerprint);

/** Five alerts over two sources, covering every filterable field. */
function seed(cache: Cache) {
  const prod = [
    makeAlert('disk', {
      name: 'DiskFull',
      severity: 'critical',
      service: 'db',
      startsAt: minute(-30),
      labels: { alertname: 'DiskFull', env: 'prod', team: 'storage', instance: 'db-1:9100' },
    }),
    makeAlert('latency', {
      name: 'HighLatency',
      severity: 'warning',
      service: 'checkout',
      startsAt: minute(-50),
      summary: 'p99 above 2 s on CHECKOUT-API',
      labels: { alertname: 'HighLatency', env: 'prod', team: 'payments' },
    }),
    makeAlert('cert', {
      name: 'CertExpiring',
      severity: 'info',
      service: 'edge',
      startsAt: minute(-10),
      state: 'silenced',
      silencedBy: ['sil-9'],
      labels: { alertname: 'CertExpiring', env: 'prod', team: 'edge' },
    }),
    makeAlert('errors', {
      name: 'ErrorBudgetBurn',
      severity: 'critical',
      service: 'checkout',
      startsAt: minute(-20),
      labels: { alertname: 'ErrorBudgetBurn', env: 'prod', team: 'payments' },
    }),
  ];
  const staging = [
    makeAlert(
      'node',
      {
        name: 'NodeDown',
        severity: 'high',
        startsAt: minute(-40),
        service: undefined,
        labels: { alertname: 'NodeDown', env: 'staging', team: 'storage' },
      },
      'am-staging',
    ),
  ];
  apply(cache, 0, prod);
  apply(cache, 0, staging, 'am-staging');
  return { prod, staging };
}

describe('firingSummaries (what the notifier reads)', () => {
  it('lists only firing alerts at or above the rank, worst then oldest first, with a few columns', () => {
    const { cache } = data.open();
    seed(cache);
    const summaries = cache.alerts.firingSummaries(3, 100);
    expect(summaries.map((one) => [one.name, one.severity])).toEqual([
      ['DiskFull', 'critical'],
      ['ErrorBudgetBurn', 'critical'],
      ['NodeDown', 'high'],
    ]);
    expect(summaries[0]).toEqual({
      id: 'am-prod:disk',
      sourceId: 'am-prod',
      name: 'DiskFull',
      severity: 'critical',
      state: 'firing',
      summary: 'Error rate above 5% on db',
      service: 'db',
      startsAt: minute(-30),
      stale: false,
    });
    // The silenced info alert never shows, whatever the rank; the limit bounds the read.
    expect(cache.alerts.firingSummaries(1, 100).map((one) => one.name)).not.toContain('CertExpiring');
    expect(cache.alerts.firingSummaries(1, 2)).toHaveLength(2);
  });

  it('reads from its partial covering index, and answers the next write and a stale source', () => {
    const { cache, file } = data.open();
    const { prod } = seed(cache);
    const db = new Database(file, { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, source_id, name, severity_rank, summary, service, starts_at
         FROM alerts INDEXED BY alerts_firing_for_notifier
         WHERE state = 'firing' AND severity_rank >= 4 ORDER BY severity_rank DESC, starts_at, id LIMIT 10`,
      )
      .all() as { detail: string }[];
    db.close();
    expect(plan.map((step) => step.detail)).toEqual([
      expect.stringContaining('COVERING INDEX alerts_firing_for_notifier'),
    ]);
    expect(cache.alerts.firingSummaries(4, 100).map((one) => one.name)).toEqual([
      'DiskFull',
      'ErrorBudgetBurn',
    ]);
    // A poll that resolves DiskFull and renames the other: the next read has it, not the kept one.
    apply(cache, 1, [{ ...prod[3]!, summary: 'burning 14x' }, prod[1]!, prod[2]!]);
    expect(cache.alerts.firingSummaries(4, 100).map((one) => [one.name, one.summary])).toEqual([
      ['ErrorBudgetBurn', 'burning 14x'],
    ]);
    // A failed poll writes no alert, but its source is stale now.
    cache.applyPoll(failedStatus(2, 'am-prod'), {});
    expect(cache.alerts.firingSummaries(4, 100).map((one) => one.stale)).toEqual([true]);
  });
});

describe('listAlerts', () => {
  it('lists active alerts worst first, then oldest first, with the total', () => {
    const { cache } = data.open();
    seed(cache);

    const page = cache.alerts.listAlerts(filter());

    expect(fingerprints(page)).toEqual(['disk', 'errors', 'node', 'latency', 'cert']);
    expect(page.total).toBe(5);
  });

  it('returns the alert as the connector reported it, with the stale flag', () => {
    const { cache } = data.open();
    const { prod } = seed(cache);
    const disk = prod[0]!;

    const { endsAt: _activeEndsAt, ...withoutEndsAt } = disk;
    expect(cache.alerts.getAlert(disk.id)).toEqual({ ...withoutEndsAt, stale: false });
    expect(cache.alerts.getAlert('am-prod:missing')).toBeUndefined();
  });

  it('filters by severity, state, source and service', () => {
    const { cache } = data.open();
    seed(cache);

    expect(fingerprints(cache.alerts.listAlerts(filter({ severity: 'critical' })))).toEqual([
      'disk',
      'errors',
    ]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ severity: ['info', 'high'] })))).toEqual([
      'node',
      'cert',
    ]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ state: 'silenced' })))).toEqual(['cert']);
    expect(fingerprints(cache.alerts.listAlerts(filter({ source: 'am-staging' })))).toEqual(['node']);
    expect(fingerprints(cache.alerts.listAlerts(filter({ source: ['am-staging', 'am-prod'] }))).length).toBe(
      5,
    );
    expect(fingerprints(cache.alerts.listAlerts(filter({ service: 'checkout' })))).toEqual([
      'errors',
      'latency',
    ]);
  });

  it('finds free text in name, summary, service and label values, ignoring case', () => {
    const { cache } = data.open();
    seed(cache);

    expect(fingerprints(cache.alerts.listAlerts(filter({ q: 'diskfull' })))).toEqual(['disk']);
    expect(fingerprints(cache.alerts.listAlerts(filter({ q: 'checkout-api' })))).toEqual(['latency']);
    expect(fingerprints(cache.alerts.listAlerts(filter({ q: 'EDGE' })))).toEqual(['cert']);
    expect(fingerprints(cache.alerts.listAlerts(filter({ q: 'db-1:9100' })))).toEqual(['disk']);
    expect(fingerprints(cache.alerts.listAlerts(filter({ q: '100%_' })))).toEqual([]);
  });

  it('matches key=value labels, all of them', () => {
    const { cache } = data.open();
    seed(cache);

    expect(fingerprints(cache.alerts.listAlerts(filter({ label: 'team=payments' })))).toEqual([
      'errors',
      'latency',
    ]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ label: ['team=storage', 'env=prod'] })))).toEqual([
      'disk',
    ]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ label: ['team=storage', 'env=dev'] })))).toEqual([]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ label: 'instance=db-1:9100' })))).toEqual(['disk']);
  });

  it('sorts by start time (newest first), name, service and source', () => {
    const { cache } = data.open();
    seed(cache);

    expect(fingerprints(cache.alerts.listAlerts(filter({ sort: 'startsAt' })))).toEqual([
      'cert',
      'errors',
      'disk',
      'node',
      'latency',
    ]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ sort: 'name' })))).toEqual([
      'cert',
      'disk',
      'errors',
      'latency',
      'node',
    ]);
    // Alerts without a service come last.
    expect(fingerprints(cache.alerts.listAlerts(filter({ sort: 'service' })))).toEqual([
      'errors',
      'latency',
      'disk',
      'cert',
      'node',
    ]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ sort: 'source' })))).toEqual([
      'disk',
      'errors',
      'latency',
      'cert',
      'node',
    ]);
  });

  it('pages with limit and offset while reporting the full total', () => {
    const { cache } = data.open();
    seed(cache);

    const second = cache.alerts.listAlerts(filter({ limit: 2, offset: 2 }));
    expect(fingerprints(second)).toEqual(['node', 'latency']);
    expect(second.total).toBe(5);
    const filteredPage = cache.alerts.listAlerts(filter({ severity: 'critical', limit: 1, offset: 1 }));
    expect(fingerprints(filteredPage)).toEqual(['errors']);
    expect(filteredPage.total).toBe(2);
  });

  it('keeps totals and counts current across polls, prunes and forgotten sources', () => {
    const { cache } = data.open();
    const { prod } = seed(cache);
    const page = () => cache.alerts.listAlerts(filter({ limit: 1 }));
    expect(page().total).toBe(5);
    expect(cache.alerts.countAlerts().byState.firing).toBe(4);

    apply(cache, 1, prod.slice(1)); // resolves "disk"
    expect(page().total).toBe(4);
    expect(cache.alerts.countAlerts().byState).toMatchObject({ firing: 3, resolved: 1 });

    cache.alerts.pruneHistory(Date.parse(minute(5))); // deletes the resolved "disk"
    expect(cache.alerts.countAlerts().byState.resolved).toBe(0);

    cache.forgetSourcesExcept(['am-prod']);
    expect(page().total).toBe(3);
    expect(cache.alerts.countAlerts().firing).toEqual({ critical: 1, high: 0, warning: 1, info: 0 });
  });

  it('gives the same label-filtered pages whether a pair is on a few alerts or on thousands', () => {
    const { cache } = data.open();
    // 2600 alerts in zone a (common enough to walk the sort index), 7 in zone b (collected first).
    const alerts = Array.from({ length: 2607 }, (_, i) =>
      makeAlert(`z${i}`, {
        severity: (['critical', 'high', 'warning', 'info'] as const)[i % 4],
        startsAt: minute(-(i % 97)),
        labels: { alertname: 'ZoneAlert', zone: i < 2600 ? 'a' : 'b', shard: String(i % 3) },
      }),
    );
    apply(cache, 0, alerts);
    const everyone = cache.alerts.listAlerts(filter({ limit: 5000 })).items;
    const expected = (zone: string, shard?: string) =>
      everyone
        .filter(
          (alert) => alert.labels.zone === zone && (shard === undefined || alert.labels.shard === shard),
        )
        .map((alert) => alert.fingerprint);

    for (const [labels, zone, shard] of [
      [['zone=a'], 'a', undefined],
      [['zone=b'], 'b', undefined],
      [['zone=a', 'shard=1'], 'a', '1'],
      [['zone=b', 'shard=2'], 'b', '2'],
    ] as const) {
      const want = expected(zone, shard);
      const first = cache.alerts.listAlerts(filter({ label: [...labels], limit: 50 }));
      expect(first.total).toBe(want.length);
      expect(fingerprints(first)).toEqual(want.slice(0, 50));
      const later = cache.alerts.listAlerts(filter({ label: [...labels], limit: 50, offset: 100 }));
      expect(fingerprints(later)).toEqual(want.slice(100, 150));
    }
  });
});

describe('applyPoll with an alerts snapshot', () => {
  it('resolves an alert missing from a healthy snapshot: kept with endsAt, history written', () => {
    const { cache } = data.open();
    const { prod } = seed(cache);
    const [disk, ...rest] = prod;

    const result = apply(cache, 7, rest);

    expect(result.resolved).toBe(1);
    expect(result.events).toMatchObject([{ kind: 'resolved', alertId: disk!.id, at: minute(7) }]);
    expect(cache.alerts.getAlert(disk!.id)).toMatchObject({
      state: 'resolved',
      endsAt: minute(7),
      updatedAt: minute(7),
    });
    expect(fingerprints(cache.alerts.listAlerts(filter()))).not.toContain('disk');
    expect(fingerprints(cache.alerts.listAlerts(filter({ state: 'resolved' })))).toEqual(['disk']);
    expect(cache.alerts.getHistory(disk!.id).map((event) => [event.kind, event.at])).toEqual([
      ['resolved', minute(7)],
      ['appeared', minute(0)],
    ]);
  });

  it('brings a resolved alert back as firing without endsAt, with a new "appeared"', () => {
    const { cache } = data.open();
    const alert = makeAlert('flap');
    apply(cache, 0, [alert]);
    apply(cache, 1, []);

    const result = apply(cache, 2, [alert]);

    expect(result.inserted).toBe(1);
    expect(result.events.map((event) => event.kind)).toEqual(['appeared']);
    const back = cache.alerts.getAlert(alert.id);
    expect(back?.state).toBe('firing');
    expect(back?.endsAt).toBeUndefined();
    expect(cache.alerts.getHistory(alert.id).map((event) => event.kind)).toEqual([
      'appeared',
      'resolved',
      'appeared',
    ]);
  });

  it('writes nothing and records nothing when only updatedAt moved', () => {
    const { cache } = data.open();
    const alert = makeAlert('a1');
    apply(cache, 0, [alert]);

    const result = apply(cache, 1, [{ ...alert, updatedAt: minute(1), endsAt: minute(6) }]);

    expect(result).toEqual({ events: [], inserted: 0, updated: 0, resolved: 0 });
    // The row was not rewritten: it still shows the evaluation time of the last meaningful change.
    expect(cache.alerts.getAlert(alert.id)?.updatedAt).toBe(minute(0));
    expect(cache.alerts.getHistory(alert.id)).toHaveLength(1);
  });

  it('updates labels used by the label filter when they change', () => {
    const { cache } = data.open();
    const alert = makeAlert('a1', { labels: { team: 'storage' } });
    apply(cache, 0, [alert]);

    apply(cache, 1, [{ ...alert, labels: { team: 'payments' } }]);

    expect(fingerprints(cache.alerts.listAlerts(filter({ label: 'team=storage' })))).toEqual([]);
    expect(fingerprints(cache.alerts.listAlerts(filter({ label: 'team=payments' })))).toEqual(['a1']);
  });

  it('refuses a status that belongs to another source', () => {
    const { cache } = data.open();
    expect(() => cache.applyPoll(okStatus(1, 0, 'other'), { alerts: snapshotAt(1, []) })).toThrow(
      'cannot apply the alerts of source "am-prod" with the status of source "other"',
    );
  });
});

describe('failed polls and stale data', () => {
  it('keeps the alerts of a source whose poll failed and marks them stale until it recovers', () => {
    const { cache } = data.open();
    const { prod, staging } = seed(cache);

    cache.applyPoll(failedStatus(5), {});

    const page = cache.alerts.listAlerts(filter());
    expect(page.total).toBe(5);
    expect(page.items.filter((alert) => alert.stale).map((alert) => alert.sourceId)).toEqual(
      prod.map(() => 'am-prod'),
    );
    expect(cache.alerts.getAlert(staging[0]!.id)?.stale).toBe(false);
    expect(cache.alerts.getAlert(prod[0]!.id)?.stale).toBe(true);
    expect(cache.sources.list().find((status) => status.sourceId === 'am-prod')).toMatchObject({
      state: 'stale',
      lastError: expect.stringContaining('timed out') as unknown,
    });

    apply(cache, 6, prod);
    expect(cache.alerts.listAlerts(filter()).items.some((alert) => alert.stale)).toBe(false);
  });

  it('marks alerts stale for a source in error too', () => {
    const { cache } = data.open();
    seed(cache);

    cache.applyPoll(failedStatus(5, 'am-staging', 'error'), {});

    expect(
      cache.alerts.listAlerts(filter({ source: 'am-staging' })).items.map((alert) => alert.stale),
    ).toEqual([true]);
  });
});

describe('counts, history and sources', () => {
  it('counts firing alerts by severity and all alerts by state, every key present', () => {
    const { cache } = data.open();
    const { prod } = seed(cache);
    apply(cache, 1, prod.slice(1)); // resolves "disk"

    expect(cache.alerts.countAlerts()).toEqual({
      firing: { critical: 1, high: 1, warning: 1, info: 0 },
      byState: { firing: 3, pending: 0, acknowledged: 0, silenced: 1, resolved: 1 },
    });
  });

  it('returns history newest first, limited', () => {
    const { cache } = data.open();
    const alert = makeAlert('a1', { severity: 'warning' });
    apply(cache, 0, [alert]);
    apply(cache, 1, [{ ...alert, severity: 'critical' }]);
    apply(cache, 2, [{ ...alert, severity: 'critical', state: 'silenced', silencedBy: ['s1'] }]);

    expect(cache.alerts.getHistory(alert.id).map((event) => [event.kind, event.detail])).toEqual([
      ['silenced', 's1'],
      ['severity-changed', 'warning→critical'],
      ['appeared', undefined],
    ]);
    expect(cache.alerts.getHistory(alert.id, 1).map((event) => event.kind)).toEqual(['silenced']);
  });

  it('forgets alerts and statuses of sources that are no longer configured', () => {
    const { cache } = data.open();
    const { staging } = seed(cache);

    cache.forgetSourcesExcept(['am-prod']);

    expect(cache.alerts.listAlerts(filter({ source: 'am-staging' })).total).toBe(0);
    expect(cache.alerts.getAlert(staging[0]!.id)).toBeUndefined();
    expect(cache.sources.list().map((status) => status.sourceId)).toEqual(['am-prod']);
    expect(cache.alerts.listAlerts(filter()).total).toBe(4);
    // Configured again later, its alerts are new again.
    expect(apply(cache, 9, staging, 'am-staging').inserted).toBe(1);
  });
});

describe('boardParts', () => {
  it('adds active alerts up in SQL exactly as the board does in code, ties and all', () => {
    const { cache } = data.open();
    const severities = ['critical', 'high', 'warning', 'info'] as const;
    const states = ['firing', 'firing', 'acknowledged', 'silenced', 'pending', 'resolved'] as const;
    const make = (i: number, sourceId: string) =>
      makeAlert(
        `b${i}`,
        {
          name: `Rule${i % 7}`,
          service: i % 5 === 0 ? undefined : `svc-${i % 3}`,
          severity: severities[(i * 7) % 4],
          state: states[i % states.length],
          // Many alerts share a start, so the smallest id must break the tie.
          startsAt: minute(-(i % 4)),
          ...(states[i % states.length] === 'silenced' ? { silencedBy: ['s'] } : {}),
        },
        sourceId,
      );
    const prod = Array.from({ length: 300 }, (_, i) => make(i, 'am-prod'));
    const staging = Array.from({ length: 120 }, (_, i) => make(i + 1000, 'am-staging'));
    apply(cache, 0, prod);
    apply(cache, 0, staging, 'am-staging');

    const active = [...prod, ...staging]
      .filter((alert) => ['firing', 'acknowledged', 'silenced'].includes(alert.state))
      .map((alert) => ({
        id: alert.id,
        sourceId: alert.sourceId,
        ...(alert.service === undefined ? {} : { service: alert.service }),
        name: alert.name,
        severity: alert.severity,
        state: alert.state,
        startsAt: new Date(alert.startsAt).toISOString(),
      }));
    const byKey = (a: { sourceId: string; service?: string; name: string }) =>
      `${a.sourceId}/${a.service ?? ''}/${a.name}`;
    const sorted = <T extends { sourceId: string; service?: string; name: string }>(parts: T[]) =>
      parts.sort((a, b) => byKey(a).localeCompare(byKey(b)));

    expect(sorted(cache.alerts.boardParts())).toEqual(sorted(boardPartsOf(active)));
    const stale = new Set(['am-staging']);
    expect(groupBoardParts(cache.alerts.boardParts(), stale)).toEqual(groupBoard(active, stale));
  });
});
