import { severityRank } from '../domain/index.js';
import type { Alert, BoardPart, BoardPick, LocalizedText, Severity } from '../domain/index.js';

export type { BoardPart, BoardPick } from '../domain/index.js';

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
  Readonly<{
    service: string | undefined;
    /** What people call the service (config `services:`), when it has a title. */
    title?: LocalizedText;
    rules: readonly RuleGroup[];
  }>;

/** Whether `candidate` should be opened before `current`: worse severity, older, then smaller id. */
function worse(candidate: BoardPick, current: BoardPick | undefined): boolean {
  if (current === undefined) return true;
  const rank = severityRank(candidate.severity) - severityRank(current.severity);
  if (rank !== 0) return rank > 0;
  // ISO-8601 UTC strings of one format order as text, which avoids Date.parse per alert.
  if (candidate.startsAt !== current.startsAt) return candidate.startsAt < current.startsAt;
  return candidate.id < current.id;
}

/** Adds alerts up into parts (the cache does the same in SQL). */
export function boardPartsOf(alerts: readonly BoardAlertRow[]): BoardPart[] {
  const parts = new Map<string, BoardPart & { worstFiring?: BoardPick }>();
  for (const alert of alerts) {
    const key = `${alert.sourceId}\u0000${alert.service ?? ''}\u0000${alert.name}`;
    const pick: BoardPick = { id: alert.id, severity: alert.severity, startsAt: alert.startsAt };
    const part = parts.get(key);
    const firing = alert.state === 'firing' ? 1 : 0;
    const acknowledged = alert.state === 'acknowledged' ? 1 : 0;
    const silenced = alert.state === 'silenced' ? 1 : 0;
    if (part === undefined) {
      parts.set(key, {
        sourceId: alert.sourceId,
        ...(alert.service === undefined ? {} : { service: alert.service }),
        name: alert.name,
        count: 1,
        firing,
        acknowledged,
        silenced,
        oldestStartsAt: alert.startsAt,
        ...(firing ? { worstFiring: pick } : {}),
        worstAny: pick,
      });
      continue;
    }
    parts.set(key, {
      ...part,
      count: part.count + 1,
      firing: part.firing + firing,
      acknowledged: part.acknowledged + acknowledged,
      silenced: part.silenced + silenced,
      oldestStartsAt: alert.startsAt < part.oldestStartsAt ? alert.startsAt : part.oldestStartsAt,
      ...(firing && worse(pick, part.worstFiring) ? { worstFiring: pick } : {}),
      worstAny: worse(pick, part.worstAny) ? pick : part.worstAny,
    });
  }
  return [...parts.values()];
}

function summarize(
  key: string,
  parts: readonly BoardPart[],
  isStale: (part: BoardPart) => boolean,
): GroupSummary {
  let count = 0;
  let firing = 0;
  let acknowledged = 0;
  let silenced = 0;
  let staleCount = 0;
  const staleSourceIds = new Set<string>();
  let worstFiring: BoardPick | undefined;
  let worstAny: BoardPick | undefined;
  let oldestStartsAt: string | undefined;
  for (const part of parts) {
    count += part.count;
    firing += part.firing;
    acknowledged += part.acknowledged;
    silenced += part.silenced;
    if (isStale(part)) {
      staleCount += part.count;
      staleSourceIds.add(part.sourceId);
    }
    if (part.worstFiring && worse(part.worstFiring, worstFiring)) worstFiring = part.worstFiring;
    if (worse(part.worstAny, worstAny)) worstAny = part.worstAny;
    if (oldestStartsAt === undefined || part.oldestStartsAt < oldestStartsAt) {
      oldestStartsAt = part.oldestStartsAt;
    }
  }
  const worst = worstFiring ?? worstAny;
  if (worst === undefined || oldestStartsAt === undefined) throw new Error(`group ${key} has no alerts`);
  return {
    key,
    severity: worst.severity,
    count,
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

type Accumulator = { key: string; parts: BoardPart[] };

/**
 * Groups alerts by service, then by alert name inside each service, both sorted worst first, so the
 * board can lay the worst service out top-left. Pure: same alerts in, same groups out.
 */
export function groupBoard(
  alerts: readonly BoardAlertRow[],
  staleSourceIds: ReadonlySet<string> = new Set(),
): ServiceGroup[] {
  return groupBoardParts(boardPartsOf(alerts), staleSourceIds);
}

/** `groupBoard` from alerts already added up per source, service and rule. */
export function groupBoardParts(
  parts: readonly BoardPart[],
  staleSourceIds: ReadonlySet<string> = new Set(),
): ServiceGroup[] {
  const isStale = (part: BoardPart) => staleSourceIds.has(part.sourceId);
  const services = new Map<
    string,
    Accumulator & { service: string | undefined; rules: Map<string, Accumulator> }
  >();
  for (const part of parts) {
    const serviceKey = part.service ?? '';
    let service = services.get(serviceKey);
    if (!service) {
      service = { key: `service:${serviceKey}`, service: part.service, parts: [], rules: new Map() };
      services.set(serviceKey, service);
    }
    service.parts.push(part);
    let rule = service.rules.get(part.name);
    if (!rule) {
      rule = { key: `${service.key}\u0000${part.name}`, parts: [] };
      service.rules.set(part.name, rule);
    }
    rule.parts.push(part);
  }
  const groups: (ServiceGroup & { label: string })[] = [];
  for (const service of services.values()) {
    const rules = [...service.rules.entries()]
      .map(([name, rule]) => ({ ...summarize(rule.key, rule.parts, isStale), name, label: name }))
      .sort(compareGroups)
      .map(({ label: _label, ...rule }) => rule);
    groups.push({
      ...summarize(service.key, service.parts, isStale),
      service: service.service,
      rules,
      label: service.service ?? '',
    });
  }
  return groups.sort(compareGroups).map(({ label: _label, ...group }) => group);
}
