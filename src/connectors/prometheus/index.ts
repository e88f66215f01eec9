import { z } from 'zod';
import type { AlertRecord, MemberStatus, Snapshot } from '../../domain/index.js';
import { alertId, mapSeverity } from '../../domain/index.js';
import type { SourceConfig } from '../../config/schema.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { describeFailure, getJson, joinUrl } from '../common/fetch-json.js';
import { fingerprintLabels, safeHttpUrl, serviceFrom, summaryFrom } from '../common/map-labels.js';
import { mergeByFingerprint } from '../alertmanager/map.js';

const labelSet = z.record(z.string(), z.string());

/** `GET /api/v1/alerts` (Prometheus docs/querying/api.md). */
const alertsResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    alerts: z.array(
      z.object({
        labels: labelSet,
        annotations: labelSet.default({}),
        state: z.enum(['pending', 'firing', 'inactive']),
        activeAt: z.string().optional(),
        value: z.string().optional(),
      }),
    ),
  }),
});
type PrometheusAlert = z.output<typeof alertsResponseSchema>['data']['alerts'][number];

function mapPrometheusAlert(
  alert: PrometheusAlert,
  source: SourceConfig,
  takenAt: string,
  base: string,
): AlertRecord | undefined {
  if (alert.state === 'inactive') return undefined;
  const severity = mapSeverity(alert.labels, source.severity);
  if (severity === 'filtered') return undefined;
  const fingerprint = fingerprintLabels(alert.labels);
  const name = alert.labels.alertname ?? '(no alertname)';
  const expression = encodeURIComponent(`ALERTS{alertname="${name}"}`);
  return {
    id: alertId(source.id, fingerprint),
    sourceId: source.id,
    fingerprint,
    name,
    severity,
    state: alert.state === 'pending' ? 'pending' : 'firing',
    startsAt: alert.activeAt ?? takenAt,
    updatedAt: takenAt,
    summary: summaryFrom(alert.annotations, name),
    description: alert.annotations.description ?? '',
    labels: alert.labels,
    annotations: alert.annotations,
    service: serviceFrom(alert.labels, source),
    runbookUrl: safeHttpUrl(alert.annotations.runbook_url ?? alert.annotations.runbook),
    generatorUrl: safeHttpUrl(joinUrl(base, `/graph?g0.expr=${expression}&g0.tab=1`)),
    silencedBy: [],
    inhibitedBy: [],
    receivers: [],
  };
}

/** Pending and firing alerts straight from one or more Prometheus servers (HA replicas merge). */
async function poll(ctx: ConnectorContext): Promise<Snapshot> {
  const { source } = ctx;
  const takenAt = new Date(ctx.clock.now()).toISOString();
  const members: MemberStatus[] = [];
  const answered: AlertRecord[][] = [];
  const errors: SourceError[] = [];
  await Promise.all(
    source.urls.map(async (base) => {
      const url = joinUrl(base, '/api/v1/alerts');
      try {
        const response = await getJson(ctx, url, `GET ${url}`, alertsResponseSchema);
        const records: AlertRecord[] = [];
        for (const alert of response.data.alerts) {
          const record = mapPrometheusAlert(alert, source, takenAt, base);
          if (record) records.push(record);
        }
        answered.push(records);
        members.push({ url: base, ok: true });
      } catch (error) {
        const failure = describeFailure(ctx, `GET ${url}`, error);
        errors.push(failure);
        members.push({ url: base, ok: false, error: failure.message });
      }
    }),
  );
  if (answered.length === 0) {
    throw errors[0] ?? new SourceError(`source "${source.id}" has no URL to poll`);
  }
  return {
    sourceId: source.id,
    takenAt,
    alerts: mergeByFingerprint(answered),
    members: source.urls.length > 1 ? members : undefined,
  };
}

/** Prometheus's own alert list: useful when a team points the cockpit at Prometheus directly. */
export const prometheusConnector: Connector = { kind: 'prometheus', poll };
