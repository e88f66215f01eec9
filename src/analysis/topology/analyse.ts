import type {
  AlertMappingRule,
  ConfigItem,
  ItemHealth,
  Severity,
  StormFold,
  TopologyNeighbour,
  TopologySuspect,
} from '../../domain/index.js';
import { severityRank } from '../../domain/index.js';
import { reach } from './graph.js';
import type { GraphIndex } from './graph.js';
import { createAlertMapper } from './mapping.js';
import type { TopologyAlert } from './mapping.js';

/** Severity → health: critical and high are red, warning amber; info does not make a node fail. */
function healthOf(severity: Severity | undefined): ItemHealth {
  if (severity === undefined) return 'ok';
  const rank = severityRank(severity);
  return rank >= severityRank('high') ? 'critical' : rank >= severityRank('warning') ? 'warning' : 'ok';
}

export type TopologyInput = Readonly<{
  /** The graph, indexed once per graph change (`indexGraph`). */
  index: GraphIndex;
  /** Active alerts (firing, acknowledged, silenced). */
  alerts: readonly TopologyAlert[];
  rules?: readonly AlertMappingRule[];
}>;

/** Everything the views read, computed once per (graph, alerts). */
export type TopologyAnalysis = Readonly<{
  index: GraphIndex;
  health: readonly ItemHealth[];
  /** Worst severity of the firing and acknowledged alerts per node. */
  worst: readonly (Severity | undefined)[];
  alertsOf: readonly (readonly TopologyAlert[])[];
  /** The item each alert maps to (by alert id); unmapped alerts are absent. */
  itemOfAlert: ReadonlyMap<string, number>;
  /** For a failing node with a failing cause: the lowest failing node it folds under; else -1. */
  rootOf: Int32Array;
  folds: readonly StormFold[];
  /** Dependency cycles (ids), each reported once; walks never loop on them. */
  cycles: readonly (readonly string[])[];
  impactOf(id: string, maxHops?: number): TopologyNeighbour[];
  suspectsOf(id: string): TopologySuspect[];
}>;

const MAX_CYCLES = 50;

/** Code-unit order: names are ASCII slugs, and localeCompare costs too much on 5 000 of them. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Health per node from its alerts; storm folding (a failing node with a failing cause is folded
 * under the lowest failing node that causes it, found in one pass over the condensation, so a cycle
 * is a component and never a loop); impact (transitive dependents) and suspects (failing
 * dependencies, lowest first) per node on request. Pure.
 */
export function analyseTopology(input: TopologyInput): TopologyAnalysis {
  const { index } = input;
  const n = index.items.length;
  const mapAlert = createAlertMapper(index, input.rules ?? []);
  const alertsOf: TopologyAlert[][] = index.items.map(() => []);
  const worst: (Severity | undefined)[] = new Array<Severity | undefined>(n).fill(undefined);
  const itemOfAlert = new Map<string, number>();
  for (const alert of input.alerts) {
    const at = mapAlert(alert);
    if (at === undefined) continue;
    itemOfAlert.set(alert.id, at);
    alertsOf[at]?.push(alert);
    if (alert.state !== 'firing' && alert.state !== 'acknowledged') continue;
    const current = worst[at];
    if (current === undefined || severityRank(alert.severity) > severityRank(current))
      worst[at] = alert.severity;
  }
  const health = worst.map(healthOf);
  const failing = (node: number) => health[node] !== 'ok';
  // The worse of two candidate roots: higher severity, then more alerts, then the smaller id.
  const better = (a: number, b: number) => {
    if (b === -1) return a;
    if (a === -1) return b;
    const rank = severityRank(worst[a] ?? 'info') - severityRank(worst[b] ?? 'info');
    if (rank !== 0) return rank > 0 ? a : b;
    const count = (alertsOf[a]?.length ?? 0) - (alertsOf[b]?.length ?? 0);
    if (count !== 0) return count > 0 ? a : b;
    return (index.items[a]?.id ?? '') < (index.items[b]?.id ?? '') ? a : b;
  };

  const { componentOf, members } = index;
  // above[c]: the chosen lowest failing node among everything outside c that affects c.
  const above = new Int32Array(members.length).fill(-1);
  // The failing member that stands for a component none of whose causes fail (a failing cycle).
  const representative = new Int32Array(members.length).fill(-1);
  const rootOf = new Int32Array(n).fill(-1);
  const cycles: string[][] = [];
  members.forEach((component, c) => {
    let chosen = -1;
    for (const member of component) {
      const { offsets, targets } = index.affectedBy;
      for (let edge = offsets[member] ?? 0; edge < (offsets[member + 1] ?? 0); edge += 1) {
        const cause = targets[edge] as number;
        const other = componentOf[cause] ?? -1;
        if (other === c) continue;
        const credited = (above[other] ?? -1) !== -1 ? (above[other] ?? -1) : (representative[other] ?? -1);
        chosen = better(credited, chosen);
      }
    }
    above[c] = chosen;
    let rep = -1;
    for (const member of component) if (failing(member)) rep = better(member, rep);
    representative[c] = chosen === -1 ? rep : -1;
    for (const member of component) {
      if (!failing(member)) continue;
      if (chosen !== -1) rootOf[member] = chosen;
      else if (member !== rep) rootOf[member] = rep;
    }
    if (component.length > 1 && cycles.length < MAX_CYCLES) {
      cycles.push(component.map((member) => index.items[member]?.id ?? '').sort());
    }
  });

  const folded = new Map<number, number[]>();
  for (let node = 0; node < n; node += 1) {
    const root = rootOf[node] ?? -1;
    if (root === -1) continue;
    const list = folded.get(root) ?? [];
    list.push(node);
    folded.set(root, list);
  }
  const folds: StormFold[] = [...folded.entries()].map(([root, list]) => {
    const { hops } = reach(index.affects, root);
    const ordered = list.sort(
      (a, b) =>
        (hops[a] ?? 0) - (hops[b] ?? 0) ||
        compareText(index.items[a]?.name ?? '', index.items[b]?.name ?? ''),
    );
    let severity = worst[root] ?? 'warning';
    let alertCount = alertsOf[root]?.length ?? 0;
    for (const node of ordered) {
      const own = worst[node];
      if (own && severityRank(own) > severityRank(severity)) severity = own;
      alertCount += alertsOf[node]?.length ?? 0;
    }
    return {
      rootId: index.items[root]?.id ?? '',
      rootName: index.items[root]?.name ?? '',
      severity,
      alertCount,
      folded: ordered.map((node) => index.items[node]?.id ?? ''),
      foldedNames: ordered.map((node) => index.items[node]?.name ?? ''),
    };
  });
  folds.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.alertCount - a.alertCount ||
      compareText(a.rootId, b.rootId),
  );

  const neighbour = (node: number, hops: number): TopologyNeighbour => {
    const item = index.items[node] as ConfigItem;
    return {
      id: item.id,
      kind: item.kind,
      name: item.name,
      ...(item.title ? { title: item.title } : {}),
      ...(item.owner ? { owner: item.owner } : {}),
      health: health[node] ?? 'ok',
      alertCount: alertsOf[node]?.length ?? 0,
      hops,
    };
  };
  const byHopsThenName = (a: TopologyNeighbour, b: TopologyNeighbour) =>
    a.hops - b.hops || compareText(a.name, b.name);

  return {
    index,
    health,
    worst,
    alertsOf,
    itemOfAlert,
    rootOf,
    folds,
    cycles,
    impactOf(id, maxHops) {
      const at = index.indexOf.get(id);
      if (at === undefined) return [];
      const reached = reach(index.affects, at, maxHops);
      // BFS order is by hops already; names order each hop.
      return Array.from(reached.nodes, (node) => neighbour(node, reached.hops[node] ?? 0)).sort(
        byHopsThenName,
      );
    },
    suspectsOf(id) {
      const at = index.indexOf.get(id);
      if (at === undefined) return [];
      const suspects: TopologySuspect[] = [];
      const reached = reach(index.affectedBy, at);
      for (const node of reached.nodes) {
        if (!failing(node)) continue;
        suspects.push({ ...neighbour(node, reached.hops[node] ?? 0), root: (rootOf[node] ?? -1) === -1 });
      }
      // Lowest first: nodes with nothing failing below them, then the deepest, then the worst.
      return suspects.sort(
        (a, b) =>
          Number(b.root) - Number(a.root) ||
          b.hops - a.hops ||
          severityRank(worst[index.indexOf.get(b.id) ?? 0] ?? 'info') -
            severityRank(worst[index.indexOf.get(a.id) ?? 0] ?? 'info') ||
          compareText(a.name, b.name),
      );
    },
  };
}
