import { chunkRange } from '../../analysis/slo/ranges.js';
import { mapSeverity } from '../../domain/index.js';
import type { Severity, SeverityMapping } from '../../domain/index.js';
import { rangeQuery } from '../slo/prometheus-api.js';
import type { ConnectorContext, FiringHistoryPoint, FiringHistoryRange } from '../types.js';

/** Label names PromQL accepts in `by (…)`; a mapping naming anything else is left out of the grouping. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * `count by (<severity labels>) (ALERTS{alertstate="firing"})`: one series per severity value, not one
 * per alert, so six hours of a storm are a few series of a few hundred points.
 */
export function firingCountQuery(mapping: SeverityMapping): string {
  const labels = mapping.labels.filter((label) => LABEL_NAME.test(label));
  return `count by (${labels.join(', ')}) (ALERTS{alertstate="firing"})`;
}

/**
 * Firing alerts by severity at each instant of the range, from the `ALERTS` series Prometheus keeps for
 * its alerting rules, mapped to the cockpit's severities with the source's own mapping. HA replicas
 * hold the same rules: the first that answers is used. Instants with no series count zero.
 */
export async function prometheusFiringHistory(
  ctx: ConnectorContext,
  mapping: SeverityMapping,
  range: FiringHistoryRange,
): Promise<readonly FiringHistoryPoint[]> {
  const query = firingCountQuery(mapping);
  const chunks = chunkRange(range.fromMs, range.toMs, range.stepMs);
  let lastError: unknown = new Error('no Prometheus URL to ask');
  for (const url of ctx.source.urls) {
    const one = { ...ctx, source: { ...ctx.source, urls: [url] } };
    try {
      const answers = [];
      for (const chunk of chunks)
        answers.push(await rangeQuery(one, query, chunk.startMs, chunk.endMs, range.stepMs));
      return countsByInstant(answers.flat(), mapping, range);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function countsByInstant(
  series: readonly Readonly<{
    metric: Readonly<Record<string, string>>;
    values: readonly [number, string][];
  }>[],
  mapping: SeverityMapping,
  range: FiringHistoryRange,
): FiringHistoryPoint[] {
  const byInstant = new Map<number, Record<Severity, number>>();
  for (let at = range.fromMs; at <= range.toMs; at += range.stepMs) {
    byInstant.set(at, { critical: 0, high: 0, warning: 0, info: 0 });
  }
  for (const one of series) {
    const severity = mapSeverity(one.metric, mapping);
    if (severity === 'filtered') continue;
    for (const [seconds, text] of one.values) {
      const counts = byInstant.get(Math.round(seconds * 1000));
      const value = Number(text);
      if (counts && Number.isFinite(value) && value > 0) counts[severity] += Math.round(value);
    }
  }
  return [...byInstant].map(([atMs, counts]) => ({ atMs, counts }));
}
