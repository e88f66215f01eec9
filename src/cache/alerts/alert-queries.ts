import type { AlertFilter, AlertSort } from '../../domain/index.js';
import { severityRank } from '../../domain/index.js';
import { CacheError } from '../errors.js';

/** A WHERE clause made only of fixed fragments, and the values bound to its placeholders. */
export type AlertQuery = Readonly<{ where: string; orderBy: string; params: readonly (string | number)[] }>;

/**
 * ORDER BY per sort: the only dynamic SQL besides placeholders, picked from a closed union.
 * severity: worst first, then longest firing. startsAt: newest first. Every order ends on the id so
 * that pages never overlap.
 */
const ORDER_BY: Readonly<Record<AlertSort, string>> = {
  severity: 'a.severity_rank DESC, a.starts_at ASC, a.id ASC',
  startsAt: 'a.starts_at DESC, a.id ASC',
  name: 'a.name COLLATE NOCASE ASC, a.severity_rank DESC, a.starts_at ASC, a.id ASC',
  service: 'a.service IS NULL, a.service COLLATE NOCASE ASC, a.severity_rank DESC, a.starts_at ASC, a.id ASC',
  source: 'a.source_id ASC, a.severity_rank DESC, a.starts_at ASC, a.id ASC',
};

/**
 * Builds the WHERE and ORDER BY of `listAlerts`. Without a state filter, resolved alerts are left out.
 * An empty list (e.g. no severity chip selected) means "no filter", not "match nothing".
 * `q` is a case-insensitive substring of name, summary, service or any label value; `label` matchers
 * are exact `key=value` and must all hold. `isCommonLabel` says whether a pair is on many alerts
 * (it picks the plan, not the result).
 */
export function buildAlertQuery(
  filter: AlertFilter,
  isCommonLabel: (key: string, value: string) => boolean = () => false,
): AlertQuery {
  const conditions: string[] = [];
  const params: (string | number)[] = [];

  const states = unique(filter.state);
  if (states) {
    conditions.push(`a.state IN (${placeholders(states.length)})`);
    params.push(...states);
  } else {
    // Not `IN (active states)`: an inequality cannot use alerts_by_state, so SQLite walks the
    // sort index and stops after one page instead of sorting every active alert (100k: 0.3 ms vs 150 ms).
    conditions.push("a.state <> 'resolved'");
  }

  const severities = unique(filter.severity);
  if (severities) {
    conditions.push(`a.severity_rank IN (${placeholders(severities.length)})`);
    params.push(...severities.map(severityRank));
  }
  const sources = unique(filter.source);
  if (sources) {
    // One placeholder whatever the number of sources, so the statement cache stays small.
    conditions.push('a.source_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(sources));
  }
  if (filter.service !== undefined && filter.service !== '') {
    conditions.push('a.service = ?');
    params.push(filter.service);
  }
  if (filter.excludeIds && filter.excludeIds.length > 0) {
    conditions.push('a.id NOT IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.excludeIds));
  }
  const text = filter.q?.trim().toLowerCase();
  if (text) {
    conditions.push('instr(a.search_text, ?) > 0');
    params.push(text);
  }
  const matchers = parseLabelMatchers(filter.label ?? []);
  // Two plans, each fast where the other is slow. A rare pair: collect its few alerts, then sort
  // them. When every pair is common, walking the sort index and checking each alert stops after one
  // page (100k alerts, cluster=… on 15%: 36 ms → 1 ms; instance=… on one alert: 0.01 ms either way,
  // but 52 ms walking).
  const walk = matchers.length > 0 && matchers.every(([key, value]) => isCommonLabel(key, value));
  for (const [key, value] of matchers) {
    conditions.push(
      walk
        ? 'EXISTS (SELECT 1 FROM alert_labels l WHERE l.alert_id = a.id AND l.key = ? AND l.value = ?)'
        : 'a.id IN (SELECT alert_id FROM alert_labels WHERE key = ? AND value = ?)',
    );
    params.push(key, value);
  }

  return { where: conditions.join(' AND '), orderBy: ORDER_BY[filter.sort], params };
}

/** Splits `key=value` matchers at the first `=`; duplicates are dropped. */
export function parseLabelMatchers(matchers: readonly string[]): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  for (const matcher of matchers) {
    const split = matcher.indexOf('=');
    if (split <= 0) {
      throw new CacheError(
        `label filter ${JSON.stringify(matcher)} is not written key=value (for example env=prod)`,
        'invalid-input',
      );
    }
    pairs.set(matcher, [matcher.slice(0, split), matcher.slice(split + 1)]);
  }
  return [...pairs.values()];
}

function unique<T>(values: readonly T[] | undefined): readonly T[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return [...new Set(values)];
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
