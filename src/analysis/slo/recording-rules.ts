import { BURN_WINDOWS, BURN_WINDOW_MS } from '../../domain/index.js';
import type { BurnWindow, SloDefinition } from '../../domain/index.js';
import type { RecordedWindows } from './queries.js';
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

/**
 * Pyrra's generated recording rules (pyrra-dev/pyrra, slo/rules.go `Burnrates`, `BurnrateName`):
 * `<total metric without _total/_count>:burnrate<window>{slo="<name>"}`, whose value is the error
 * ratio over the window (despite the name). Pyrra records only the windows of its four alerts,
 * scaled from the SLO window (`Windows`: window / 8064, 672, 1344, 112, 336, 28 and 7, rounded to
 * the minute: 5m, 1h, 30m, 6h, 2h, 1d and 4d for 28 days). The cockpit reads the burn windows that
 * coincide; the others and the SLO window stay on the raw queries.
 */
const PYRRA_WINDOW_DIVISORS = [8064, 672, 1344, 112, 336, 28, 7] as const;

/** The windows (ms) Pyrra records for an SLO window. */
export function pyrraRecordedWindowsMs(windowMs: number): ReadonlySet<number> {
  return new Set(PYRRA_WINDOW_DIVISORS.map((divisor) => Math.round(windowMs / divisor / 60_000) * 60_000));
}

/** Which Pyrra burn-rate rules exist, per rule name and `slo` label, with how many series each has. */
export const PYRRA_DISCOVERY_QUERY = 'count by (__name__, slo) ({__name__=~".+:burnrate.+", slo!=""})';

/** The key of one discovered rule series, as `pyrraRecordedQueries` looks it up. */
export const pyrraRuleKey = (rule: string, slo: string) => `${rule}\u0000${slo}`;

/**
 * The burn windows of a Pyrra SLO to read from its rules: those Pyrra records for its window whose
 * rule exists with exactly one series (several would be per group or per namespace: not one ratio).
 */
export function pyrraRecordedQueries(
  definition: SloDefinition,
  singleSeriesRules: ReadonlySet<string>,
): RecordedWindows {
  const prefix = definition.pyrraRulePrefix;
  if (prefix === undefined || definition.window.kind !== 'rolling') return {};
  const recordedMs = pyrraRecordedWindowsMs(definition.window.ms);
  const recorded: Partial<Record<BurnWindow, string>> = {};
  for (const window of BURN_WINDOWS) {
    const rule = `${prefix}:burnrate${promDuration(BURN_WINDOW_MS[window])}`;
    if (recordedMs.has(BURN_WINDOW_MS[window]) && singleSeriesRules.has(pyrraRuleKey(rule, definition.name)))
      recorded[window] = `${rule}{slo=${JSON.stringify(definition.name)}}`;
  }
  return recorded;
}
