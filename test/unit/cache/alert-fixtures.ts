import { alertId } from '../../../src/domain/index.js';
import type { AlertRecord, Snapshot, SourceStatus } from '../../../src/domain/index.js';

/** Minute 0 of every cache test; `minute(n)` is n minutes later as ISO text. */
export const T0 = Date.parse('2026-03-01T00:00:00.000Z');
export const minute = (n: number): string => new Date(T0 + n * 60_000).toISOString();
export const minuteMs = (n: number): number => T0 + n * 60_000;

/** A firing Alertmanager-like alert; `overrides` replace fields, the id follows source and fingerprint. */
export function makeAlert(
  fingerprint: string,
  overrides: Partial<AlertRecord> = {},
  sourceId = overrides.sourceId ?? 'am-prod',
): AlertRecord {
  const name = overrides.name ?? `HighErrorRate-${fingerprint}`;
  const service = 'service' in overrides ? overrides.service : 'checkout';
  return {
    id: alertId(sourceId, fingerprint),
    sourceId,
    fingerprint,
    name,
    severity: 'warning',
    state: 'firing',
    startsAt: minute(0),
    updatedAt: minute(0),
    endsAt: minute(5),
    summary: `Error rate above 5% on ${service ?? 'unknown'}`,
    description: 'Requests fail more often than the SLO allows.',
    labels: { alertname: name, env: 'prod', ...(service === undefined ? {} : { service }) },
    annotations: { summary: 'Error rate above 5%' },
    ...(service === undefined ? {} : { service }),
    silencedBy: [],
    inhibitedBy: [],
    receivers: ['team-pager'],
    ...overrides,
  };
}

export function snapshotAt(minutes: number, alerts: readonly AlertRecord[], sourceId = 'am-prod'): Snapshot {
  return { sourceId, takenAt: minute(minutes), alerts };
}

export function okStatus(minutes: number, itemCount: number, sourceId = 'am-prod'): SourceStatus {
  return {
    sourceId,
    state: 'ok',
    lastSuccessAt: minute(minutes),
    lastAttemptAt: minute(minutes),
    lastDurationMs: 120,
    consecutiveFailures: 0,
    itemCount,
  };
}

export function failedStatus(
  minutes: number,
  sourceId = 'am-prod',
  state: 'stale' | 'error' = 'stale',
): SourceStatus {
  return {
    sourceId,
    state,
    lastSuccessAt: minute(minutes - 1),
    lastAttemptAt: minute(minutes),
    lastError: `source "${sourceId}": GET /api/v2/alerts timed out after 10 s`,
    consecutiveFailures: 1,
    itemCount: 0,
  };
}
