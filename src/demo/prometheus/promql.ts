/**
 * Just enough PromQL for the demo's SLO files: `sum(rate(http_requests_total{service="x"[,code=~"5.."]}[w]))`,
 * the cockpit's `label_replace(…) or …` wrapping of those, and `((e) or on() vector(0)) / (t)`; and for
 * the alert history the cockpit asks: `count_over_time(ALERTS{…}[w])`, `count by (…) (ALERTS{alertstate="firing"})`.
 * Anything else is answered the way Prometheus answers a query it cannot run: bad_data.
 */
import { parsePromDuration } from '../../analysis/slo/windows.js';
import type { SloTraffic } from './slo-traffic.js';

/** The alerts firing at a moment, as Prometheus's `ALERTS` series would hold them. */
export type FiringAt = (atMs: number) => readonly Readonly<{ labels: Readonly<Record<string, string>> }>[];

export type Sample = Readonly<{ metric: Readonly<Record<string, string>>; value: number }>;

export class BadQuery extends Error {}

const SELECTOR =
  /^sum\(rate\(http_requests_total\{service="([a-z0-9-]+)"(,code=~"5\.\.")?\}\[([0-9a-z]+)\]\)\)$/;
const TAGGED =
  /^label_replace\(label_replace\(\((.+)\), "([a-z_]+)", "([0-9a-z]+)", "", ""\), "([a-z_]+)", "([a-z]+)", "", ""\)$/;
const RATIO = /^\(\((.+)\) or on\(\) vector\(0\)\) \/ \((.+)\)$/;
const FIRED = /^count_over_time\(ALERTS\{alertstate="firing",(.+)\}\[[0-9a-z]+\]\)$/;
const COUNT_BY =
  /^count by \(([a-zA-Z_][a-zA-Z0-9_]*(?:, ?[a-zA-Z_][a-zA-Z0-9_]*)*)?\) \(ALERTS\{alertstate="firing"\}\)$/;
const MATCHER = /^([a-zA-Z_][a-zA-Z0-9_]*)=("(?:[^"\\]|\\.)*")$/;

/** `count_over_time(ALERTS{alertstate="firing",k="v",…}[59s])`: one series per matching alert. */
function fired(firingAt: FiringAt, matchers: string, atMs: number): Sample[] {
  const wanted = matchers.split(/,(?=[a-zA-Z_][a-zA-Z0-9_]*=")/).map((text) => {
    const match = MATCHER.exec(text);
    if (!match?.[1] || !match[2]) throw new BadQuery(`the demo Prometheus cannot parse the matcher ${text}`);
    return [match[1], JSON.parse(match[2]) as string] as const;
  });
  return firingAt(atMs)
    .filter((alert) => wanted.every(([key, value]) => alert.labels[key] === value))
    .map((alert) => ({ metric: { ...alert.labels, alertstate: 'firing' }, value: 1 }));
}

/** `count by (severity) (ALERTS{alertstate="firing"})`: the firing alerts counted per value of the labels. */
function countBy(firingAt: FiringAt, labels: readonly string[], atMs: number): Sample[] {
  const groups = new Map<string, { metric: Record<string, string>; value: number }>();
  for (const alert of firingAt(atMs)) {
    const metric: Record<string, string> = {};
    for (const label of labels) {
      const value = alert.labels[label];
      if (value !== undefined) metric[label] = value;
    }
    const key = JSON.stringify(metric);
    const group = groups.get(key) ?? { metric, value: 0 };
    group.value += 1;
    groups.set(key, group);
  }
  return [...groups.values()];
}

function rate(traffic: SloTraffic, query: string, atMs: number): number {
  const match = SELECTOR.exec(query);
  const rangeMs = match?.[3] === undefined ? undefined : parsePromDuration(match[3]);
  if (!match?.[1] || rangeMs === undefined)
    throw new BadQuery(`the demo Prometheus cannot evaluate ${query.slice(0, 80)}`);
  const counts = traffic.counts(match[1], rangeMs, atMs);
  return (match[2] ? counts.errors : counts.requests) / (rangeMs / 1000);
}

/** Evaluates one of the demo's queries at `atMs` into an instant vector. */
export function evaluate(
  traffic: SloTraffic,
  query: string,
  atMs: number,
  firingAt: FiringAt = () => [],
): Sample[] {
  const text = query.trim();
  const alerts = FIRED.exec(text);
  if (alerts?.[1]) return fired(firingAt, alerts[1], atMs);
  const counted = COUNT_BY.exec(text);
  if (counted) {
    const labels = (counted[1] ?? '').split(',').map((label) => label.trim());
    return countBy(firingAt, labels.filter(Boolean), atMs);
  }
  if (text.startsWith('label_replace(')) {
    return text.split(' or label_replace(').map((part, index) => {
      const match = TAGGED.exec(index === 0 ? part : `label_replace(${part}`);
      if (!match?.[1] || !match[2] || !match[4])
        throw new BadQuery('the demo Prometheus cannot parse this label_replace');
      return {
        metric: { [match[2]]: match[3] ?? '', [match[4]]: match[5] ?? '' },
        value: rate(traffic, match[1], atMs),
      };
    });
  }
  const ratio = RATIO.exec(text);
  if (ratio?.[1] && ratio[2]) {
    const total = rate(traffic, ratio[2], atMs);
    return total === 0 ? [] : [{ metric: {}, value: rate(traffic, ratio[1], atMs) / total }];
  }
  return [{ metric: {}, value: rate(traffic, text, atMs) }];
}

/** Prometheus writes sample values as strings. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
