import { z } from 'zod';
import type { BaseSourceConfig } from '../../config/source-base.js';
import type { SloSettings } from '../../config/slo/config.js';
import { SLO_SOURCE_ID } from '../../config/slo/resolve.js';
import type { CockpitConfig, SourceConfig } from '../../config/schema.js';

/**
 * The `slo` source: not written under `sources:` but made from the `slo:` key, with the HTTP settings
 * (URLs, auth, TLS, timeout) of the Prometheus source it asks. Its status is the SLO evaluation's.
 */
export type SloSourceConfig = BaseSourceConfig &
  Readonly<{ kind: 'slo'; slo: SloSettings; prometheusSourceId: string }>;

/** `kind: slo` under `sources:` is refused: SLO evaluation is configured under `slo:`. */
export const refusedSloSourceSchema = z
  .strictObject({ kind: z.literal('slo') })
  .refine(() => false, {
    message: 'SLO evaluation is configured under the top-level slo: key, not as a source; move it there',
    abort: true,
  })
  .transform((): SloSourceConfig => {
    throw new Error('unreachable: kind: slo sources are refused above');
  });

/** The `slo` source for a config with `slo:`, after demo sources have their URLs; undefined without. */
export function sloSourceFor(
  config: CockpitConfig,
  sources: readonly SourceConfig[],
): SloSourceConfig | undefined {
  const settings = config.slo;
  if (!settings) return undefined;
  const prometheus = sources.find((source) => source.id === settings.sourceId);
  if (!prometheus) return undefined;
  return {
    id: SLO_SOURCE_ID,
    kind: 'slo',
    name: `SLOs (${prometheus.name})`,
    // The demo estate answers PromQL on its own port, beside its Alertmanager.
    urls: prometheus.kind === 'demo' ? prometheus.prometheusUrls : prometheus.urls,
    intervalMs: settings.intervalMs,
    // 200 SLOs at 8 in flight take a few rounds: the deadline is per request, the poll gets room.
    timeoutMs: Math.max(prometheus.timeoutMs, 10_000),
    auth: prometheus.auth,
    tls: prometheus.tls,
    maxBytes: prometheus.maxBytes,
    slo: settings,
    prometheusSourceId: prometheus.id,
  };
}
