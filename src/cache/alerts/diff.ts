import { isSeverity } from '../../domain/index.js';
import type { AlertHistoryEvent, AlertRecord, AlertState, Severity, Snapshot } from '../../domain/index.js';
import { ALERT_STATES } from '../../domain/index.js';
import { alertChangeHash } from './change-hash.js';
import { CacheError } from '../errors.js';

/** What the cache remembers about one stored alert between polls: enough to diff without reading rows. */
export type StoredAlertState = Readonly<{
  hash: string;
  /** The connector's hash of the bytes the alert was read from (Snapshot.sourceHashes), if any. */
  sourceHash?: string;
  name: string;
  service?: string;
  severity: Severity;
  state: AlertState;
  silencedBy: readonly string[];
  ackedBy?: string;
}>;

/** A row to insert or overwrite; `record` is normalised (see `normaliseRecord`). */
export type AlertWrite = Readonly<{
  record: AlertRecord;
  hash: string;
  sourceHash?: string;
  /** The alerts table has a row for this id already (e.g. the alert was resolved and is back). */
  existing: boolean;
}>;
/** A stored alert missing from a successful snapshot: it ended at the snapshot's time. */
export type AlertResolution = Readonly<{ id: string; endsAt: string }>;

/** A stored alert whose content is unchanged but whose source hash is new (or must be forgotten). */
export type SourceHashUpdate = Readonly<{ id: string; sourceHash: string | undefined }>;

export type SnapshotDiff = Readonly<{
  writes: readonly AlertWrite[];
  sourceHashUpdates: readonly SourceHashUpdate[];
  resolutions: readonly AlertResolution[];
  events: readonly AlertHistoryEvent[];
  /** Alerts that appeared: new ones and resolved ones that came back. */
  inserted: number;
  /** Alerts still active whose meaningful fields changed. */
  updated: number;
  resolved: number;
  /**
   * Ids listed as unchanged that the cache cannot confirm (not stored, resolved, or stored with
   * another source hash). An active one is kept as it is and read in full next time.
   */
  unconfirmed: number;
}>;

/**
 * Compares one source's stored alerts with a successful snapshot of that source. Pure: returns the
 * rows to write, the alerts to resolve and the history events to append; mutates nothing.
 * An alert whose only change is `updatedAt`/`endsAt` (Alertmanager bumps both on every evaluation)
 * produces no write and no event.
 */
export function diffSnapshot(
  previous: ReadonlyMap<string, StoredAlertState>,
  snapshot: Snapshot,
): SnapshotDiff {
  const at = toIsoTime(snapshot.takenAt, `snapshot of source "${snapshot.sourceId}": takenAt`);
  const seen = new Map<string, AlertRecord>();
  for (const record of snapshot.alerts) {
    validateRecord(record, snapshot.sourceId);
    seen.set(record.id, record); // an id reported twice: the last one wins
  }

  const writes: AlertWrite[] = [];
  const sourceHashUpdates: SourceHashUpdate[] = [];
  const resolutions: AlertResolution[] = [];
  const events: AlertHistoryEvent[] = [];
  const sourceHashes = snapshot.sourceHashes;
  let inserted = 0;
  let updated = 0;
  let resolved = 0;
  let unconfirmed = 0;

  const unchanged = new Set<string>();
  for (const id of snapshot.unchanged ?? []) {
    const before = previous.get(id);
    const sourceHash = sourceHashes?.get(id);
    if (before === undefined || before.state === 'resolved') {
      unconfirmed += 1;
      continue;
    }
    unchanged.add(id);
    if (sourceHash === undefined || before.sourceHash !== sourceHash) {
      // Kept as stored; forgetting its source hash makes the connector read it in full next time.
      unconfirmed += 1;
      if (before.sourceHash !== undefined) sourceHashUpdates.push({ id, sourceHash: undefined });
    }
  }

  for (const incoming of seen.values()) {
    const before = previous.get(incoming.id);
    const sourceHash = sourceHashes?.get(incoming.id);
    // Hashing the record as received is the same as hashing it normalised (the hash ignores endsAt
    // and unknown fields); normalising only what is written saves an object per alert per poll.
    const recordHash = alertChangeHash(incoming);
    const wasActive = before !== undefined && before.state !== 'resolved';
    if (wasActive && before.hash === recordHash) {
      if (before.sourceHash !== sourceHash) sourceHashUpdates.push({ id: incoming.id, sourceHash });
      continue;
    }
    const record = normaliseRecord(incoming, at);
    const write = (existing: boolean): AlertWrite => ({
      record,
      hash: recordHash,
      existing,
      ...(sourceHash === undefined ? {} : { sourceHash }),
    });

    if (record.state === 'resolved') {
      // The backend itself reports the end: close it if it was open, otherwise just keep the row fresh.
      if (wasActive) {
        writes.push(write(true));
        events.push(eventFor(record, at, 'resolved'));
        resolved += 1;
      } else if (before?.hash !== recordHash) {
        writes.push(write(before !== undefined));
      }
    } else if (wasActive) {
      writes.push(write(true));
      events.push(...changeEvents(before, record, at));
      updated += 1;
    } else {
      writes.push(write(before !== undefined));
      events.push(eventFor(record, at, 'appeared'));
      inserted += 1;
    }
  }

  for (const [id, before] of previous) {
    if (before.state === 'resolved' || seen.has(id) || unchanged.has(id)) continue;
    resolutions.push({ id, endsAt: at });
    events.push({
      alertId: id,
      sourceId: snapshot.sourceId,
      at,
      kind: 'resolved',
      severity: before.severity,
      state: 'resolved',
      detail: 'no longer reported by the source',
      name: before.name,
      ...(before.service === undefined ? {} : { service: before.service }),
    });
    resolved += 1;
  }

  return { writes, sourceHashUpdates, resolutions, events, inserted, updated, resolved, unconfirmed };
}

/** The events that explain a meaningful change of an alert that stays active. */
function changeEvents(before: StoredAlertState, record: AlertRecord, at: string): AlertHistoryEvent[] {
  const events: AlertHistoryEvent[] = [];
  if (before.severity !== record.severity) {
    events.push(eventFor(record, at, 'severity-changed', `${before.severity}→${record.severity}`));
  }
  let stateExplained = false;
  if (before.silencedBy.length === 0 && record.silencedBy.length > 0) {
    events.push(eventFor(record, at, 'silenced', record.silencedBy.join(', ')));
    stateExplained = true;
  } else if (before.silencedBy.length > 0 && record.silencedBy.length === 0) {
    events.push(eventFor(record, at, 'unsilenced', before.silencedBy.join(', ')));
    stateExplained = true;
  }
  if (before.ackedBy === undefined && record.ackedBy !== undefined) {
    events.push(eventFor(record, at, 'acknowledged', record.ackedBy));
    stateExplained = true;
  }
  if (before.state !== record.state && !stateExplained) {
    events.push(eventFor(record, at, 'state-changed', `${before.state}→${record.state}`));
  }
  return events;
}

function eventFor(
  record: AlertRecord,
  at: string,
  kind: AlertHistoryEvent['kind'],
  detail?: string,
): AlertHistoryEvent {
  return {
    alertId: record.id,
    sourceId: record.sourceId,
    at,
    kind,
    severity: record.severity,
    state: record.state,
    ...(detail === undefined ? {} : { detail }),
    name: record.name,
    ...(record.service === undefined ? {} : { service: record.service }),
  };
}

/**
 * The record as the cache stores it: known fields only (no `stale`, no extras), and `endsAt` only on
 * a resolved alert. Alertmanager gives active alerts a moving future `endsAt` that the cache would
 * otherwise keep stale, since it is not part of the change hash.
 */
export function normaliseRecord(record: AlertRecord, snapshotAt: string): AlertRecord {
  const endsAt = record.state === 'resolved' ? (record.endsAt ?? snapshotAt) : undefined;
  return {
    id: record.id,
    sourceId: record.sourceId,
    fingerprint: record.fingerprint,
    name: record.name,
    severity: record.severity,
    state: record.state,
    startsAt: record.startsAt,
    updatedAt: record.updatedAt,
    ...(endsAt === undefined ? {} : { endsAt }),
    summary: record.summary,
    description: record.description,
    labels: record.labels,
    annotations: record.annotations,
    ...(record.service === undefined ? {} : { service: record.service }),
    ...(record.runbookUrl === undefined ? {} : { runbookUrl: record.runbookUrl }),
    ...(record.generatorUrl === undefined ? {} : { generatorUrl: record.generatorUrl }),
    silencedBy: record.silencedBy,
    inhibitedBy: record.inhibitedBy,
    receivers: record.receivers,
    ...(record.ackedBy === undefined ? {} : { ackedBy: record.ackedBy }),
  };
}

/** The in-memory state remembered for a record once it is written. */
export function storedStateOf(
  record: AlertRecord,
  recordHash: string,
  sourceHash?: string,
): StoredAlertState {
  return {
    hash: recordHash,
    ...(sourceHash === undefined ? {} : { sourceHash }),
    name: record.name,
    ...(record.service === undefined ? {} : { service: record.service }),
    severity: record.severity,
    state: record.state,
    silencedBy: record.silencedBy,
    ...(record.ackedBy === undefined ? {} : { ackedBy: record.ackedBy }),
  };
}

/** Parses an ISO-8601 time and returns it normalised (UTC, milliseconds), or throws a CacheError. */
export function toIsoTime(value: string, what: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new CacheError(`${what} is not an ISO-8601 time: ${JSON.stringify(value)}`, 'invalid-input');
  }
  return new Date(ms).toISOString();
}

function validateRecord(record: AlertRecord, sourceId: string): void {
  const problem =
    record.sourceId !== sourceId
      ? `belongs to source "${record.sourceId}"`
      : record.id.length === 0
        ? 'has an empty id'
        : !isSeverity(record.severity)
          ? `has an unknown severity ${JSON.stringify(record.severity)}`
          : !(ALERT_STATES as readonly string[]).includes(record.state)
            ? `has an unknown state ${JSON.stringify(record.state)}`
            : undefined;
  if (problem !== undefined) {
    throw new CacheError(
      `snapshot of source "${sourceId}": alert "${record.id}" ${problem}; the connector must map it before the cache stores it`,
      'invalid-input',
    );
  }
}
