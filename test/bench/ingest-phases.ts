/**
 * The steps of one poll taken one at a time, so a slow poll can be split into fetch, the scan every
 * poll makes (split and hash), what a full parse costs (decode, parse, validate, map: a first poll,
 * or every alert changed), and the cache's diff and write.
 */
import type { Cache } from '../../src/cache/index.js';
import { openCache } from '../../src/cache/index.js';
import { diffSnapshot, storedStateOf } from '../../src/cache/alerts/diff.js';
import type { StoredAlertState } from '../../src/cache/alerts/diff.js';
import { alertChangeHash } from '../../src/cache/alerts/change-hash.js';
import type { FileSourceConfig, SourceConfig, SourceConfigOf } from '../../src/config/schema.js';
import { mapAlertmanagerAlert } from '../../src/connectors/alertmanager/map.js';
import { createAlertListScanner } from '../../src/connectors/alertmanager/raw-alerts.js';
import { gettableAlertsSchema } from '../../src/connectors/alertmanager/schema.js';
import type { AlertRecord, Snapshot, SourceStatus } from '../../src/domain/index.js';
import { createHttpClient } from '../../src/http/client.js';
import { silentLogger } from '../../src/logger.js';
import { median, timed } from './support.js';

export const ALERTS_PATH = '/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true';

export type FetchedAlerts = Readonly<{ body: Buffer; fetchMs: number }>;

/** GETs the alert list with the cockpit's own HTTP client (deadline, byte cap, gzip). */
export async function fetchAlerts(source: SourceConfig): Promise<FetchedAlerts> {
  const http = createHttpClient({ logger: silentLogger });
  const { ms, value } = await timed(() =>
    http.request({
      url: `${source.urls[0] ?? ''}${ALERTS_PATH}`,
      method: 'GET',
      timeoutMs: source.timeoutMs,
      maxBytes: source.maxBytes,
    }),
  );
  if (value.status !== 200) throw new Error(`GET alerts answered HTTP ${value.status}`);
  return { body: value.body, fetchMs: ms };
}

/**
 * The connector's pass over every poll's answer: find each alert's bytes and hash them (the warm
 * path parses only the alerts whose hash changed). Returns the time and the number of alerts.
 */
export function scanMs(body: Buffer): { ms: number; alerts: number } {
  let alerts = 0;
  const start = performance.now();
  const scanner = createAlertListScanner(() => {
    alerts += 1;
  });
  // In the chunks the HTTP client hands over.
  for (let at = 0; at < body.length; at += 65_536) scanner.write(body.subarray(at, at + 65_536));
  scanner.end();
  return { ms: performance.now() - start, alerts };
}

/** Median time of a plain `JSON.parse` of the text, the floor any JSON ingest pays. */
export function plainParseMs(text: string, reps: number): number {
  const samples: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const start = performance.now();
    JSON.parse(text);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export type ConnectorPhases = Readonly<{
  decodeMs: number;
  parseMs: number;
  validateMs: number;
  mapMs: number;
  records: AlertRecord[];
}>;

/** The connector's work after the fetch: bytes → text → JSON → zod → AlertRecords. */
export function connectorPhases(body: Buffer, source: FileSourceConfig): ConnectorPhases {
  let start = performance.now();
  const text = body.toString('utf8');
  const decodeMs = performance.now() - start;
  start = performance.now();
  const json: unknown = JSON.parse(text);
  const parseMs = performance.now() - start;
  start = performance.now();
  const parsed = gettableAlertsSchema.parse(json);
  const validateMs = performance.now() - start;
  start = performance.now();
  const records: AlertRecord[] = [];
  for (const alert of parsed) {
    const record = mapAlertmanagerAlert(alert, source as SourceConfigOf<'alertmanager'>);
    if (record) records.push(record);
  }
  const mapMs = performance.now() - start;
  return { decodeMs, parseMs, validateMs, mapMs, records };
}

/** What the cache remembered after applying `records`, built the way the cache builds it. */
export function storedStatesOf(records: readonly AlertRecord[]): Map<string, StoredAlertState> {
  const states = new Map<string, StoredAlertState>();
  for (const record of records) states.set(record.id, storedStateOf(record, alertChangeHash(record)));
  return states;
}

export function snapshotOf(source: SourceConfig, records: readonly AlertRecord[]): Snapshot {
  return { sourceId: source.id, takenAt: new Date().toISOString(), alerts: records };
}

export function okStatus(source: SourceConfig, count: number): SourceStatus {
  const now = new Date().toISOString();
  return {
    sourceId: source.id,
    state: 'ok',
    lastSuccessAt: now,
    lastAttemptAt: now,
    consecutiveFailures: 0,
    itemCount: count,
  };
}

export type CachePhases = Readonly<{ hashMs: number; diffMs: number; applyMs: number; written: number }>;

/**
 * Times the cache's share: the change hash alone, the whole diff (hash included) against `previous`,
 * and `applyPoll` (the same diff, then the SQLite transaction). write ≈ apply − diff.
 */
export function cachePhases(
  cache: Cache,
  previous: ReadonlyMap<string, StoredAlertState>,
  snapshot: Snapshot,
  status: SourceStatus,
): CachePhases {
  let start = performance.now();
  for (const record of snapshot.alerts) alertChangeHash(record);
  const hashMs = performance.now() - start;
  start = performance.now();
  const diff = diffSnapshot(previous, snapshot);
  const diffMs = performance.now() - start;
  start = performance.now();
  cache.applyPoll(status, { alerts: snapshot });
  const applyMs = performance.now() - start;
  return { hashMs, diffMs, applyMs, written: diff.writes.length + diff.resolutions.length };
}

/** Applies `snapshot` to a new, empty cache in `dataDir` and times it (the first poll's cache work). */
export function coldCachePhases(dataDir: string, source: SourceConfig, snapshot: Snapshot): CachePhases {
  const { cache } = openCache(dataDir, { logger: silentLogger });
  try {
    return cachePhases(cache, new Map(), snapshot, okStatus(source, snapshot.alerts.length));
  } finally {
    cache.close();
  }
}
