import { severityRank } from '../domain/index.js';
import type { Alert, Severity } from '../domain/index.js';

/** The few fields of an alert the war-room board needs (read straight from the cache's columns). */
export type BoardAlertRow = Pick<
  Alert,
  'id' | 'sourceId' | 'service' | 'name' | 'severity' | 'state' | 'startsAt'
>;

/** What a group of alerts adds up to; shared by a service and by a rule inside it. */
export type GroupSummary = Readonly<{
  key: string;
  /** Worst severity among firing alerts, or among all when none fires. */
  severity: Severity;
  count: number;
  firing: number;
  acknowledged: number;
  silenced: number;
  /** Earliest start: the group's "for 12m" is its longest-running alert. */
  oldestStartsAt: string;
  /** The alert to open first: worst severity, then longest running. */
  worstAlertId: string;
  /** Alerts from sources whose last poll failed (shown dimmed with "as of"). */
  staleCount: number;
  staleSourceIds: readonly string[];
}>;

export type RuleGroup = GroupSummary & Readonly<{ name: string }>;
export type ServiceGroup = GroupSummary &
  Readonly<{ service: string | undefined; rules: readonly RuleGroup[] }>;

function summarize(
  key: string,
  alerts: readonly BoardAlertRow[],
  isStale: (alert: BoardAlertRow) => boolean,
): GroupSummary {
  let firing = 0;
  let acknowledged = 0;
  let silenced = 0;
  let staleCount = 0;
  const staleSourceIds = new Set<string>();
  let worstFiring: BoardAlertRow | undefined;
  let worstAny: BoardAlertRow | undefined;
  let oldestStartsAt: string | undefined;
  const worse = (candidate: BoardAlertRow, current: BoardAlertRow | undefined) =>
    current === undefined ||
    severityRank(candidate.severity) > severityRank(current.severity) ||
    (candidate.severity === current.severity && candidate.startsAt < current.startsAt);
  for (const alert of alerts) {
    if (alert.state === 'firing') firing += 1;
    else if (alert.state === 'acknowledged') acknowledged += 1;
    else if (alert.state === 'silenced') silenced += 1;
    if (isStale(alert)) {
      staleCount += 1;
      staleSourceIds.add(alert.sourceId);
    }
    if (alert.state === 'firing' && worse(alert, worstFiring)) worstFiring = alert;
    if (worse(alert, worstAny)) worstAny = alert;
    // ISO-8601 UTC strings of one format order as text, which avoids 100 000 Date.parse calls.
    if (oldestStartsAt === undefined || alert.startsAt < oldestStartsAt) oldestStartsAt = alert.startsAt;
  }
  const worst = worstFiring ?? worstAny;
  if (worst === undefined || oldestStartsAt === undefined) throw new Error(`group ${key} has no alerts`);
  return {
    key,
    severity: worst.severity,
    count: alerts.length,
    firing,
    acknowledged,
    silenced,
    oldestStartsAt,
    worstAlertId: worst.id,
    staleCount,
    staleSourceIds: [...staleSourceIds].sort(),
  };
}

/**
 * Worst first: groups with firing alerts before fully handled (acknowledged/silenced) ones, then
 * severity desc, count desc, longest running, and the label for a stable order.
 */
export function compareGroups(
  a: GroupSummary & Readonly<{ label: string }>,
  b: GroupSummary & Readonly<{ label: string }>,
): number {
  return (
    Number(b.firing > 0) - Number(a.firing > 0) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    b.count - a.count ||
    (a.oldestStartsAt < b.oldestStartsAt ? -1 : a.oldestStartsAt > b.oldestStartsAt ? 1 : 0) ||
    a.label.localeCompare(b.label)
  );
}

type Accumulator = { key: string; alerts: BoardAlertRow[] };

/**
 * Groups alerts by service, then by alert name inside each service, both sorted worst first, so the
 * board can lay the worst service out top-left. Pure: same alerts in, same groups out.
 */
export function groupBoard(
  alerts: readonly BoardAlertRow[],
  staleSourceIds: ReadonlySet<string> = new Set(),
): ServiceGroup[] {
  const isStale = (alert: BoardAlertRow) => staleSourceIds.has(alert.sourceId);
  const services = new Map<
    string,
    Accumulator & { service: string | undefined; rules: Map<string, Accumulator> }
  >();
  for (const alert of alerts) {
    const serviceKey = alert.service ?? '';
    let service = services.get(serviceKey);
    if (!service) {
      service = { key: `service:${serviceKey}`, service: alert.service, alerts: [], rules: new Map() };
      services.set(serviceKey, service);
    }
    service.alerts.push(alert);
    let rule = service.rules.get(alert.name);
    if (!rule) {
      rule = { key: `${service.key}\u0000${alert.name}`, alerts: [] };
      service.rules.set(alert.name, rule);
    }
    rule.alerts.push(alert);
  }
  const groups: (ServiceGroup & { label: string })[] = [];
  for (const service of services.values()) {
    const rules = [...service.rules.entries()]
      .map(([name, rule]) => ({ ...summarize(rule.key, rule.alerts, isStale), name, label: name }))
      .sort(compareGroups)
      .map(({ label: _label, ...rule }) => rule);
    groups.push({
      ...summarize(service.key, service.alerts, isStale),
      service: service.service,
      rules,
      label: service.service ?? '',
    });
  }
  return groups.sort(compareGroups).map(({ label: _label, ...group }) => group);
}
