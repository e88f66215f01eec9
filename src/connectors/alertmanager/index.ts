import type { MemberStatus, Snapshot } from '../../domain/index.js';
import type { AlertRecord } from '../../domain/index.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { describeFailure, getJson, joinUrl } from '../common/fetch-json.js';
import { mapAlertmanagerAlert, mergeByFingerprint } from './map.js';
import { gettableAlertsSchema } from './schema.js';
import { createSilence, expireSilence } from './silence.js';

async function pollMember(ctx: ConnectorContext, base: string): Promise<AlertRecord[]> {
  // Alertmanager's defaults already include active, silenced, inhibited and unprocessed alerts.
  const url = joinUrl(base, '/api/v2/alerts');
  const alerts = await getJson(ctx, url, `GET ${url}`, gettableAlertsSchema);
  const records: AlertRecord[] = [];
  for (const alert of alerts) {
    const record = mapAlertmanagerAlert(alert, ctx.source);
    if (record) records.push(record);
  }
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
