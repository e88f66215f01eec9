import type { AlertDetail, ICockpitApi, Overview, Timeline } from '../../../src/api/contract.js';
import type { Alert, Silence, SourceInfo } from '../../../src/domain/index.js';

export const NOW = Date.parse('2026-03-10T14:30:00Z');

export function makeAlert(overrides: Partial<Alert> & Pick<Alert, 'id'>): Alert {
  return {
    sourceId: 'am-prod',
    fingerprint: overrides.id,
    name: 'HighErrorRate',
    severity: 'warning',
    state: 'firing',
    startsAt: '2026-03-10T14:00:00Z',
    updatedAt: '2026-03-10T14:29:00Z',
    summary: 'Error rate above 5%',
    description: '',
    labels: {},
    annotations: {},
    service: 'payments',
    silencedBy: [],
    inhibitedBy: [],
    receivers: [],
    ...overrides,
  };
}

export function makeDetail(overrides: Partial<AlertDetail> & Pick<Alert, 'id'>): AlertDetail {
  return { history: [], ...makeAlert(overrides), ...overrides };
}

export function makeSource(overrides: Partial<SourceInfo> = {}): SourceInfo {
  return {
    id: 'am-prod',
    sourceId: 'am-prod',
    kind: 'alertmanager',
    name: 'Alertmanager prod',
    urls: ['http://127.0.0.1:9093'],
    insecureTls: false,
    intervalMs: 15_000,
    state: 'ok',
    lastSuccessAt: '2026-03-10T14:29:50Z',
    consecutiveFailures: 0,
    itemCount: 3,
    ...overrides,
  };
}

export function makeOverview(overrides: Partial<Overview> = {}): Overview {
  return {
    firing: { critical: 2, high: 1, warning: 5, info: 0 },
    unclaimed: { critical: 2, high: 1, warning: 5, info: 0 },
    byState: { firing: 8, pending: 0, acknowledged: 1, silenced: 1, resolved: 0 },
    sources: { pending: 0, ok: 1, stale: 0, error: 0, total: 1 },
    lastUpdatedAt: '2026-03-10T14:29:50Z',
    generatedAt: '2026-03-10T14:29:55Z',
    version: 1,
    ...overrides,
  };
}

export function makeTimeline(counts: readonly number[] = [1, 2, 3]): Timeline {
  const from = Date.parse('2026-03-10T08:30:00Z');
  return {
    from: new Date(from).toISOString(),
    to: '2026-03-10T14:30:00Z',
    bucketMinutes: 5,
    buckets: counts.map((count, index) => ({
      at: new Date(from + index * 5 * 60_000).toISOString(),
      critical: count,
      high: count * 2,
      warning: 0,
      info: 1,
    })),
  };
}

export function page<T>(items: readonly T[], total = items.length) {
  return { total, items };
}

/** An active one-hour silence of am-prod, by alice, with a link to Alertmanager's UI. */
export function makeSilence(overrides: Partial<Silence> & Pick<Silence, 'id'>): Silence {
  return {
    sourceId: 'am-prod',
    state: 'active',
    matchers: [
      { name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true },
      { name: 'instance', value: 'pay-1:9100', isRegex: false, isEqual: true },
    ],
    startsAt: '2026-03-10T14:30:00Z',
    endsAt: '2026-03-10T18:30:00Z',
    createdBy: 'Li Wei',
    comment: 'DB failover drill',
    url: `http://am.example:9093/#/silences/${overrides.id}`,
    ...overrides,
  };
}
/**
 * Answers of the change methods with nothing in them: for views that show changes beside alerts
 * (and the alert detail's runbook panel, which sits beside "what changed").
 */
export const NO_CHANGES = {
  listChanges: (input) =>
    Promise.resolve({
      items: [],
      freezes: [],
      from: input?.from ?? '2026-03-10T00:00:00.000Z',
      to: input?.to ?? '2026-03-11T00:00:00.000Z',
      truncated: false,
    }),
  getFreezes: () => Promise.resolve({ items: [] }),
  getAlertChanges: () => Promise.resolve({ items: [], lookBackMinutes: 240 }),
  getAlertRunbooks: () => Promise.resolve({ items: [] }),
} satisfies Partial<ICockpitApi>;

/**
 * What the shell itself asks beside any feature (the siren banner's unclaimed criticals, the header's
 * snooze state): nothing rings. Spread first, so a test's own `listAlerts` wins.
 */
export const QUIET_SHELL = {
  listAlerts: () => Promise.resolve({ items: [], total: 0 }),
  getNotificationState: () =>
    Promise.resolve({
      quietHoursActive: false,
      escalationAfterMs: 600_000,
      deliveryProblems: [],
      tiers: {
        critical: { notify: true, persistent: true, sound: true, repeatMs: 300_000, escalate: true },
        high: { notify: false, persistent: false, sound: false, escalate: false },
        warning: { notify: false, persistent: false, sound: false, escalate: false },
        info: { notify: false, persistent: false, sound: false, escalate: false },
      },
    }),
} satisfies Partial<ICockpitApi>;
