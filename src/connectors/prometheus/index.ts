import { z } from 'zod';
import type { AlertRecord, MemberStatus, PollProducts } from '../../domain/index.js';
import { alertId, mapSeverity } from '../../domain/index.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { describeFailure, getJson, joinUrl } from '../common/fetch-json.js';
import { fingerprintLabels, safeHttpUrl, serviceFrom, summaryFrom } from '../common/map-labels.js';
import { mergeByFingerprint } from '../alertmanager/map.js';
import { prometheusConfigSchema } from './config.js';
import { prometheusFiringHistory } from './firing-history.js';
import type { PrometheusSourceConfig } from './config.js';

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
  source: PrometheusSourceConfig,
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
async function poll(ctx: ConnectorContext<PrometheusSourceConfig>): Promise<PollProducts> {
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
  const alerts = {
    sourceId: source.id,
    takenAt,
    alerts: mergeByFingerprint(answered),
    members: source.urls.length > 1 ? members : undefined,
  };
  return { alerts };
}

/** Prometheus's own alert list: useful when a team points the cockpit at Prometheus directly. */
// Stateless: every poll reads Prometheus's whole (small) alert list.
export const prometheusConnector: Connector<PrometheusSourceConfig, undefined> = {
  kind: 'prometheus',
  configSchema: prometheusConfigSchema,
  produces: ['alerts'],
  createState: () => undefined,
  poll,
  actions: {
    firingHistory: (ctx, range) => prometheusFiringHistory(ctx, ctx.source.severity, range),
  },
};
