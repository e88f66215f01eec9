import type { SloDefinition } from '../../domain/index.js';
import { promDuration } from './windows.js';

/**
 * Sloth's generated recording rules (slok/sloth, internal/prometheus/conventions.go):
 * `slo:sli_error:ratio_rate<window>{sloth_id="<service>-<slo>"}` for 5m, 30m, 1h, 2h, 6h, 1d, 3d and
 * the SLO period. Where they exist, the cockpit reads them instead of the raw queries: cheaper for
 * Prometheus, same answer (they are those queries, recorded). They carry no volume, so the
 * minimum-events guard does not apply to them.
 */

/** Which Sloth SLOs have recorded error ratios over their period (`count by (sloth_id)`). */
export function slothDiscoveryQuery(periodMs: number): string {
  return `count by (sloth_id) (slo:sli_error:ratio_rate${promDuration(periodMs)})`;
}

/** The same SLO read from its recording rules: `{{.window}}` lands in the rule's name. */
export function fromSlothRules(definition: SloDefinition): SloDefinition {
  return {
    ...definition,
    indicator: {
      kind: 'ratio',
      errorRatioQuery: `slo:sli_error:ratio_rate{{.window}}{sloth_id=${JSON.stringify(definition.id)}}`,
    },
  };
}
