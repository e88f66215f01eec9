import type { MemberStatus, Snapshot } from '../../domain/index.js';
import type { AlertRecord } from '../../domain/index.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { checkJsonResponse, describeFailure, joinUrl, parseJsonText, send } from '../common/fetch-json.js';
import type { SourceConfig } from '../../config/schema.js';
import { AlertListError, createAlertListScanner } from './raw-alerts.js';
import type { RawAlert, ScanResult } from './raw-alerts.js';
import { mapAlertmanagerAlert, mergeByFingerprint } from './map.js';
import { gettableAlertsSchema } from './schema.js';
import { createSilence, expireSilence } from './silence.js';

type Remembered = Readonly<{ hash: string; record: AlertRecord | undefined }>;

/**
 * What each alert's bytes hashed to on the last poll, per source (by its config object, so a changed
 * severity mapping starts afresh) and member URL. An alert whose bytes are unchanged reuses its
 * record: no decoding, parsing, validation or mapping, and the cache's change hash is memoised on the
 * record too. Only the alerts that changed are parsed.
 */
const remembered = new WeakMap<SourceConfig, Map<string, Map<string, Remembered>>>();

function isJsonSuccess(status: number, headers: Readonly<Record<string, string>>): boolean {
  return status >= 200 && status < 300 && /\bjson\b/i.test(headers['content-type'] ?? '');
}

async function pollMember(ctx: ConnectorContext, base: string): Promise<AlertRecord[]> {
  // Alertmanager's defaults already include active, silenced, inhibited and unprocessed alerts.
  const url = joinUrl(base, '/api/v2/alerts');
  const what = `GET ${url}`;
  const bySource = remembered.get(ctx.source) ?? new Map<string, Map<string, Remembered>>();
  remembered.set(ctx.source, bySource);
  const previous = bySource.get(base);
  const next = new Map<string, Remembered>();
  const records: AlertRecord[] = [];
  // The changed alerts' text, copied out while their bytes are at hand.
  const changed: { text: string; item: RawAlert }[] = [];
  // Each alert is looked at as soon as it has arrived, so the body is never held whole.
  const scanner = createAlertListScanner((body, item) => {
    const known = item.fingerprint === undefined ? undefined : previous?.get(item.fingerprint);
    if (known && known.hash === item.hash && item.fingerprint !== undefined) {
      next.set(item.fingerprint, known);
      if (known.record) records.push(known.record);
    } else changed.push({ text: body.toString('utf8', item.start, item.end), item });
  });
  let scanned: ScanResult | undefined;
  let response;
  try {
    response = await send(ctx, {
      url,
      method: 'GET',
      bodySink: (status, headers) =>
        isJsonSuccess(status, headers)
          ? {
              write: (chunk) => scanner.write(chunk),
              end: () => {
                scanned = scanner.end();
              },
            }
          : undefined,
    });
  } catch (error) {
    if (error instanceof AlertListError)
      throw new SourceError(`source "${ctx.source.id}": ${what} ${error.message}`);
    throw describeFailure(ctx, what, error);
  }
  checkJsonResponse(ctx, what, response);
  if (scanned?.kind !== 'list') {
    // Not a plain list of objects: parse it the ordinary way, which explains what is wrong.
    bySource.delete(base);
    const body = scanned?.body ?? response.body;
    const alerts = parseJsonText(ctx, what, body.toString('utf8'), gettableAlertsSchema);
    return alerts.flatMap((alert) => mapAlertmanagerAlert(alert, ctx.source) ?? []);
  }
  if (changed.length > 0) {
    const text = `[${changed.map((entry) => entry.text).join(',')}]`;
    const alerts = parseJsonText(ctx, what, text, gettableAlertsSchema);
    alerts.forEach((alert, index) => {
      const record = mapAlertmanagerAlert(alert, ctx.source);
      if (record) records.push(record);
      const item = changed[index]?.item;
      if (item?.fingerprint !== undefined) next.set(item.fingerprint, { hash: item.hash, record });
    });
  }
  bySource.set(base, next);
  return records;
}

/** Polls every member of the cluster at once and merges; fails only when no member answers. */
async function poll(ctx: ConnectorContext): Promise<Snapshot> {
  const { source } = ctx;
  const results = await Promise.allSettled(source.urls.map((base) => pollMember(ctx, base)));
  const members: MemberStatus[] = [];
  const answered: AlertRecord[][] = [];
  const errors: SourceError[] = [];
  results.forEach((result, index) => {
    const url = source.urls[index] ?? '';
    if (result.status === 'fulfilled') {
      answered.push(result.value);
      members.push({ url, ok: true });
    } else {
      const error = describeFailure(ctx, `GET ${joinUrl(url, '/api/v2/alerts')}`, result.reason);
      errors.push(error);
      members.push({ url, ok: false, error: error.message });
    }
  });
  if (answered.length === 0) {
    const first = errors[0];
    if (errors.length === 1 && first) throw first;
    const retryAfterMs = Math.max(0, ...errors.map((error) => error.retryAfterMs ?? 0)) || undefined;
    throw new SourceError(
      `source "${source.id}": none of its ${errors.length} Alertmanagers answered; first: ${first?.message ?? 'unknown'}`,
      retryAfterMs,
    );
  }
  return {
    sourceId: source.id,
    takenAt: new Date(ctx.clock.now()).toISOString(),
    alerts: mergeByFingerprint(answered),
    members: source.urls.length > 1 ? members : undefined,
  };
}

/** Prometheus Alertmanager, API v2. One source may list several URLs: the members of one HA cluster. */
export const alertmanagerConnector: Connector = {
  kind: 'alertmanager',
  poll,
  actions: { silence: createSilence, expireSilence },
};
