import { describe, expect, it } from 'vitest';
import { mapAlertmanagerAlert, mergeByFingerprint } from '../../../src/connectors/alertmanager/map.js';
import { silenceMatchers } from '../../../src/connectors/alertmanager/silence.js';
import type { GettableAlert } from '../../../src/connectors/alertmanager/schema.js';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfigOf } from '../../../src/config/schema.js';
import type { AlertRecord } from '../../../src/domain/index.js';

const source = parseConfig(
  'sources:\n  - id: am\n    kind: alertmanager\n    urls: [http://a:9093, http://b:9093]\n    severity: { map: { noisy: filtered } }\n',
  'c.yaml',
  {},
).sources[0] as SourceConfigOf<'alertmanager'>;

function gettable(
  overrides: Partial<GettableAlert> & { labels?: Record<string, string> } = {},
): GettableAlert {
  return {
    labels: {
      alertname: 'HighErrorRate',
      severity: 'critical',
      service: 'payments-api',
      job: 'api',
      instance: 'h1:9100',
    },
    annotations: { summary: 'Error rate 12%', runbook_url: 'https://runbooks.example/payments' },
    receivers: [{ name: 'pager' }],
    fingerprint: 'aaaa000011112222',
    startsAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-21T10:05:00.000Z',
    endsAt: '2026-11-21T10:09:00.000Z',
    generatorURL: 'http://prom:9090/graph?g0.expr=x',
    status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
    ...overrides,
  };
}

function record(overrides: Partial<GettableAlert> = {}): AlertRecord {
  return mapAlertmanagerAlert(gettable(overrides), source)!;
}

describe('mapAlertmanagerAlert', () => {
  it('maps severity, service, runbook and a stable id', () => {
    expect(record()).toMatchObject({
      id: 'am:aaaa000011112222',
      name: 'HighErrorRate',
      severity: 'critical',
      state: 'firing',
      service: 'payments-api',
      runbookUrl: 'https://runbooks.example/payments',
      summary: 'Error rate 12%',
      receivers: ['pager'],
    });
  });

  it('falls back to the job label for the service, and drops non-http runbook links', () => {
    const alert = record({
      labels: { alertname: 'X', job: 'node' },
      annotations: { runbook_url: 'javascript:alert(1)' },
    });
    expect(alert.service).toBe('node');
    expect(alert.runbookUrl).toBeUndefined();
    expect(alert.summary).toBe('X');
  });

  it('marks suppressed alerts as silenced and keeps who silenced them', () => {
    const alert = record({
      status: { state: 'suppressed', silencedBy: ['s-1'], inhibitedBy: [], mutedBy: [] },
    });
    expect(alert.state).toBe('silenced');
    expect(alert.silencedBy).toEqual(['s-1']);
  });

  it('drops alerts whose severity maps to filtered', () => {
    expect(
      mapAlertmanagerAlert(gettable({ labels: { alertname: 'X', severity: 'noisy' } }), source),
    ).toBeUndefined();
  });
});

describe('mergeByFingerprint (HA members)', () => {
  it('keeps each alert once, from the most recently updated member', () => {
    const older = record({ updatedAt: '2026-11-21T10:05:00.000Z', annotations: { summary: 'old' } });
    const newer = record({ updatedAt: '2026-11-21T10:06:00.000Z', annotations: { summary: 'new' } });
    const other = record({
      fingerprint: 'bbbb000011112222',
      labels: { alertname: 'DiskFull', severity: 'warning' },
    });
    const merged = mergeByFingerprint([[older, other], [newer]]);
    expect(merged).toHaveLength(2);
    expect(merged.find((alert) => alert.fingerprint === 'aaaa000011112222')?.summary).toBe('new');
  });

  it('counts a silence seen by any member (gossip is eventually consistent)', () => {
    const unsilenced = record({ updatedAt: '2026-11-21T10:06:00.000Z' });
    const silenced = record({
      updatedAt: '2026-11-21T10:05:00.000Z',
      status: { state: 'suppressed', silencedBy: ['s-9'], inhibitedBy: [], mutedBy: [] },
    });
    const [merged] = mergeByFingerprint([[unsilenced], [silenced]]);
    expect(merged?.state).toBe('silenced');
    expect(merged?.silencedBy).toEqual(['s-9']);
  });
});

describe('silenceMatchers', () => {
  it('defaults to alertname + instance, so a changing pod label does not break the silence', () => {
    expect(silenceMatchers({ alertname: 'A', instance: 'h:1', pod: 'p-123', severity: 'critical' })).toEqual([
      { name: 'alertname', value: 'A', isRegex: false, isEqual: true },
      { name: 'instance', value: 'h:1', isRegex: false, isEqual: true },
    ]);
  });

  it('uses all identifying labels except volatile ones when there is no instance', () => {
    expect(
      silenceMatchers({ alertname: 'A', service: 's', pod: 'p-1' }).map((matcher) => matcher.name),
    ).toEqual(['alertname', 'service']);
  });
});
