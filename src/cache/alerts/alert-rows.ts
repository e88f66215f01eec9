import { SEVERITIES, severityRank } from '../../domain/index.js';
import type {
  Alert,
  AlertHistoryEvent,
  AlertRecord,
  AlertState,
  Labels,
  Severity,
} from '../../domain/index.js';
import type { StoredAlertState } from './diff.js';

/** Bind parameters of the alerts upsert, in column order (see `UPSERT_ALERT_SQL`). */
export type AlertRowParams = [
  id: string,
  sourceId: string,
  fingerprint: string,
  name: string,
  severityRank: number,
  state: AlertState,
  startsAt: number,
  updatedAt: number,
  endsAt: number | null,
  service: string | null,
  summary: string,
  silencedBy: string | null,
  ackedBy: string | null,
  searchText: string,
  labelsJson: string,
  annotationsJson: string,
  recordJson: string,
  hash: string,
  sourceHash: string | null,
];

export const UPSERT_ALERT_SQL = `
  INSERT INTO alerts (id, source_id, fingerprint, name, severity_rank, state, starts_at, updated_at, ends_at,
                      service, summary, silenced_by, acked_by, search_text, labels_json, annotations_json,
                      record_json, hash, source_hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET
    source_id = excluded.source_id, fingerprint = excluded.fingerprint, name = excluded.name,
    severity_rank = excluded.severity_rank, state = excluded.state, starts_at = excluded.starts_at,
    updated_at = excluded.updated_at, ends_at = excluded.ends_at, service = excluded.service,
    summary = excluded.summary, silenced_by = excluded.silenced_by, acked_by = excluded.acked_by,
    search_text = excluded.search_text, labels_json = excluded.labels_json,
    annotations_json = excluded.annotations_json, record_json = excluded.record_json, hash = excluded.hash,
    source_hash = excluded.source_hash`;

/** The columns a query reads to rebuild an Alert. */
export const ALERT_COLUMNS = 'a.source_id, a.labels_json, a.annotations_json, a.record_json';
export type AlertRow = Readonly<{
  source_id: string;
  labels_json: string;
  annotations_json: string;
  record_json: string;
}>;

/** The columns read to rebuild a source's in-memory diff state. */
export const STORED_STATE_SQL = `
  SELECT id, hash, source_hash, name, service, severity_rank, state, silenced_by, acked_by FROM alerts
  WHERE source_id = ?`;
export type StoredStateRow = Readonly<{
  id: string;
  hash: string;
  source_hash: string | null;
  name: string;
  service: string | null;
  severity_rank: number;
  state: AlertState;
  silenced_by: string | null;
  acked_by: string | null;
}>;

export type HistoryRow = Readonly<{
  alert_id: string;
  source_id: string;
  at: number;
  kind: AlertHistoryEvent['kind'];
  severity: Severity;
  state: AlertState;
  detail: string | null;
  name: string;
  service: string | null;
}>;

/** Turns a normalised record into the alerts row; `fallbackMs` stands in for an unparsable time. */
export function alertRowParams(
  record: AlertRecord,
  hash: string,
  fallbackMs: number,
  labelsJson = JSON.stringify(record.labels),
  sourceHash: string | null = null,
): AlertRowParams {
  const { labels: _labels, annotations, ...rest } = record;
  const startsAt = timeMs(record.startsAt, fallbackMs);
  return [
    record.id,
    record.sourceId,
    record.fingerprint,
    record.name,
    severityRank(record.severity),
    record.state,
    startsAt,
    timeMs(record.updatedAt, startsAt),
    record.endsAt === undefined ? null : timeMs(record.endsAt, fallbackMs),
    record.service ?? null,
    record.summary,
    record.silencedBy.length === 0 ? null : JSON.stringify(record.silencedBy),
    record.ackedBy ?? null,
    searchText(record),
    labelsJson,
    JSON.stringify(annotations),
    JSON.stringify(rest),
    hash,
    sourceHash,
  ];
}

/** Lower-cased text the free-text filter `q` searches: name, summary, service and label values. */
export function searchText(record: AlertRecord): string {
  return [record.name, record.summary, record.service ?? '', ...Object.values(record.labels)]
    .join('\n')
    .toLowerCase();
}

export function alertFromRow(row: AlertRow, staleSources: ReadonlySet<string>): Alert {
  // The parsed record gets the other fields added in place (the same key order as a spread, without
  // copying every field of 200 rows again for a list).
  const alert = JSON.parse(row.record_json) as { -readonly [K in keyof Alert]?: Alert[K] };
  alert.labels = JSON.parse(row.labels_json) as Labels;
  alert.annotations = JSON.parse(row.annotations_json) as Labels;
  alert.stale = staleSources.has(row.source_id);
  return alert as Alert;
}

export function storedStateFromRow(row: StoredStateRow): StoredAlertState {
  return {
    hash: row.hash,
    ...(row.source_hash === null ? {} : { sourceHash: row.source_hash }),
    name: row.name,
    ...(row.service === null ? {} : { service: row.service }),
    severity: severityFromRank(row.severity_rank),
    state: row.state,
    silencedBy: row.silenced_by === null ? [] : (JSON.parse(row.silenced_by) as string[]),
    ...(row.acked_by === null ? {} : { ackedBy: row.acked_by }),
  };
}

export function historyEventFromRow(row: HistoryRow): AlertHistoryEvent {
  return {
    alertId: row.alert_id,
    sourceId: row.source_id,
    at: new Date(row.at).toISOString(),
    kind: row.kind,
    severity: row.severity,
    state: row.state,
    ...(row.detail === null ? {} : { detail: row.detail }),
    name: row.name,
    ...(row.service === null ? {} : { service: row.service }),
  };
}

export function severityFromRank(rank: number): Severity {
  return SEVERITIES[SEVERITIES.length - rank] ?? 'info';
}

export function timeMs(iso: string, fallbackMs: number): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallbackMs : ms;
}
