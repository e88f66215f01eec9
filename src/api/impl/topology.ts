import { analyseTopology, indexGraph, neighbourhood, reach } from '../../analysis/topology/index.js';
import type { GraphIndex, TopologyAnalysis, TopologyAlert } from '../../analysis/topology/index.js';
import type { ServiceGroup } from '../../analysis/board.js';
import type { StoredGraph, TopologySourceProblems } from '../../cache/topology/types.js';
import { REVERSE_RELATION, severityRank } from '../../domain/index.js';
import type {
  Alert,
  AlertFilter,
  AlertMappingRule,
  ConfigItem,
  Page,
  Relation,
  TopologyEdge,
  TopologyNode,
} from '../../domain/index.js';
import type { Board } from '../contract.js';
import { ApiFailure } from '../dispatch.js';
import type { AlertTopology, BoardFold, TOPOLOGY_SPEC, TopologyGraphView } from '../spec/topology.js';
import type { HandlersOf } from '../spec/types.js';

/** The topology store's reads (src/cache/topology/). */
export type TopologyReads = Readonly<{
  graph(atMs?: number): StoredGraph;
  revision(): number;
  problems(): readonly TopologySourceProblems[];
}>;

export type TopologyHandlerDeps = Readonly<{
  topology: TopologyReads;
  alerts: Readonly<{ listAlerts(filter: AlertFilter): Page<Alert> }>;
  /** `topology.mapping:` from the config. */
  topologyRules?: readonly AlertMappingRule[];
}>;

/** How many active alerts the topology maps (the worst first): far above a storm's size. */
const MAX_ALERTS = 5000;
/** Groups and users are owners, shown on nodes, not nodes of the battle map. */
const OWNER_KINDS = new Set(['group', 'user']);
const ACTIVE: AlertFilter = {
  state: ['firing', 'acknowledged', 'silenced'],
  sort: 'severity',
  limit: MAX_ALERTS,
  offset: 0,
};

/** The graph, its index (rebuilt only when the graph changes) and the analysis of the alerts now. */
export type TopologyModel = Readonly<{
  /** The analysis of the current graph and the active alerts, with those alerts. */
  current(): Readonly<{ graph: StoredGraph; analysis: TopologyAnalysis; alerts: readonly TopologyAlert[] }>;
  /** The war-room board with its storms folded. */
  foldBoard(board: Board): Board;
  /** An alert's place in the topology, when it maps to an item. */
  alertTopology(alert: Alert): AlertTopology | undefined;
  /**
   * "What changed" distance: 0 for the same service, else the hops from the alert's item down to a
   * dependency of that name (at most `DEPENDENCY_HOPS`); undefined when unrelated.
   */
  serviceDistance(alertService: string, changeService: string): number | undefined;
}>;

/** Changes on dependencies this many hops below the alert's service count as candidates. */
export const DEPENDENCY_HOPS = 2;

export function createTopologyModel(deps: TopologyHandlerDeps): TopologyModel {
  let cached: { revision: number; graph: StoredGraph; index: GraphIndex } | undefined;
  function indexed() {
    const revision = deps.topology.revision();
    if (cached?.revision !== revision) {
      const graph = deps.topology.graph();
      const items = graph.items.map((stored) => stored.item);
      cached = { revision, graph, index: indexGraph(items, graph.relations) };
    }
    return cached;
  }
  function current() {
    const { graph, index } = indexed();
    const alerts = index.items.length === 0 ? [] : deps.alerts.listAlerts(ACTIVE).items;
    return { graph, alerts, analysis: analyseTopology({ index, alerts, rules: deps.topologyRules ?? [] }) };
  }

  return {
    current,
    serviceDistance(alertService, changeService) {
      if (alertService === changeService) return 0;
      const { index } = indexed();
      const from = index.byName.get(alertService.toLowerCase());
      const to = index.byName.get(changeService.toLowerCase());
      if (from === undefined || to === undefined) return undefined;
      const hops = reach(index.affectedBy, from, DEPENDENCY_HOPS).hops[to] ?? -1;
      return hops > 0 ? hops : undefined;
    },
    foldBoard(board) {
      const { analysis, alerts } = current();
      if (analysis.folds.length === 0) return board;
      const { index, rootOf } = analysis;
      // The item of each board service: where its alerts map, else the item of that name.
      const itemOfService = new Map<string, number>();
      for (const alert of alerts) {
        const at = analysis.itemOfAlert.get(alert.id);
        if (at !== undefined && alert.service !== undefined && !itemOfService.has(alert.service)) {
          itemOfService.set(alert.service, at);
        }
      }
      const folds = new Map<number, { root?: ServiceGroup; folded: ServiceGroup[] }>();
      const groups = board.groups.map((group) => {
        if (group.service === undefined) return group;
        const at = itemOfService.get(group.service) ?? index.byName.get(group.service.toLowerCase());
        if (at === undefined) return group;
        const root = rootOf[at] ?? -1;
        const isRoot = analysis.folds.some((fold) => fold.rootId === index.items[at]?.id);
        if (root === -1 && !isRoot) return group;
        const key = root === -1 ? at : root;
        const entry = folds.get(key) ?? { folded: [] };
        if (root === -1) entry.root = group;
        else entry.folded.push(group);
        folds.set(key, entry);
        return { ...group, foldedUnder: index.items[key]?.id ?? '' };
      });
      const boardFolds: BoardFold[] = [];
      for (const [root, entry] of folds) {
        if (entry.folded.length === 0) continue;
        const all = entry.root ? [entry.root, ...entry.folded] : entry.folded;
        const severity = all.reduce(
          (worst, group) => (severityRank(group.severity) > severityRank(worst) ? group.severity : worst),
          all[0]?.severity ?? 'warning',
        );
        boardFolds.push({
          rootId: index.items[root]?.id ?? '',
          rootName: index.items[root]?.name ?? '',
          severity,
          alertCount: all.reduce((sum, group) => sum + group.count, 0),
          ...(entry.root?.service ? { rootService: entry.root.service } : {}),
          services: entry.folded.map((group) => group.service ?? ''),
        });
      }
      // A root whose dependents have no alerts on the board folds nothing: its card stays as it is.
      const folding = new Set(boardFolds.map((fold) => fold.rootId));
      boardFolds.sort(
        (a, b) => severityRank(b.severity) - severityRank(a.severity) || b.alertCount - a.alertCount,
      );
      return {
        ...board,
        groups: groups.map((group) => {
          if (
            !('foldedUnder' in group) ||
            group.foldedUnder === undefined ||
            folding.has(group.foldedUnder)
          ) {
            return group;
          }
          const { foldedUnder: _dropped, ...rest } = group;
          return rest;
        }),
        folds: boardFolds,
      };
    },
    alertTopology(alert) {
      const { analysis } = current();
      const at = analysis.itemOfAlert.get(alert.id);
      const item = at === undefined ? undefined : analysis.index.items[at];
      if (at === undefined || item === undefined) return undefined;
      const owner = item.owner ? analysis.index.indexOf.get(item.owner) : undefined;
      const ownerItem = owner === undefined ? undefined : analysis.index.items[owner];
      const impact = analysis.impactOf(item.id);
      const root = analysis.rootOf[at] ?? -1;
      const rootItem = root === -1 ? undefined : analysis.index.items[root];
      return {
        itemId: item.id,
        itemName: item.title ?? item.name,
        ...(item.owner
          ? {
              owner: {
                id: item.owner,
                name: ownerItem?.name ?? item.owner.replace(/^[^:]+:[^/]+\//, ''),
                ...(ownerItem?.title ? { title: ownerItem.title } : {}),
              },
            }
          : {}),
        impact: impact.slice(0, 30),
        impactCount: impact.length,
        suspects: analysis.suspectsOf(item.id).slice(0, 20),
        ...(rootItem ? { foldedUnder: { id: rootItem.id, name: rootItem.name } } : {}),
      };
    },
  };
}

function nodeOf(analysis: TopologyAnalysis, at: number, stale: boolean): TopologyNode {
  const item = analysis.index.items[at] as ConfigItem;
  const root = analysis.rootOf[at] ?? -1;
  return {
    id: item.id,
    kind: item.kind,
    name: item.name,
    ...(item.title ? { title: item.title } : {}),
    ...(item.owner ? { owner: item.owner } : {}),
    ...(item.system ? { system: item.system } : {}),
    health: analysis.health[at] ?? 'ok',
    alertCount: analysis.alertsOf[at]?.length ?? 0,
    ...(root === -1 ? {} : { foldedUnder: analysis.index.items[root]?.id ?? '' }),
    ...(stale ? { stale: true } : {}),
  };
}

/** `getTopology` and `getTopologyItem` over the model. */
export function createTopologyHandlers(
  deps: TopologyHandlerDeps & Readonly<{ model: TopologyModel }>,
): HandlersOf<typeof TOPOLOGY_SPEC> {
  const { model } = deps;
  return {
    async getTopology({ around, depth, at }): Promise<TopologyGraphView> {
      const now = model.current();
      // The past: that graph, health from the alerts now (the alert store keeps no past states here).
      const graph = at ? deps.topology.graph(Date.parse(at)) : now.graph;
      const analysis = at
        ? analyseTopology({
            index: indexGraph(
              graph.items.map((stored) => stored.item),
              graph.relations,
            ),
            alerts: now.alerts,
            rules: deps.topologyRules ?? [],
          })
        : now.analysis;
      const { index } = analysis;
      const staleIds = new Set(graph.items.filter((stored) => stored.stale).map((stored) => stored.item.id));
      let keep: Set<number> | undefined;
      if (around !== undefined) {
        const start = index.indexOf.get(around);
        if (start === undefined) throw new ApiFailure('not-found', `${around} is not in the topology`);
        keep = neighbourhood(index, start, depth);
      }
      const nodes: TopologyNode[] = [];
      index.items.forEach((item, position) => {
        if (OWNER_KINDS.has(item.kind) || (keep && !keep.has(position))) return;
        nodes.push(nodeOf(analysis, position, staleIds.has(item.id)));
      });
      const shown = new Set(nodes.map((node) => node.id));
      const edges: TopologyEdge[] = graph.relations
        .filter(
          (relation) => relation.type !== 'ownedBy' && shown.has(relation.from) && shown.has(relation.to),
        )
        .map(({ from, to, type }) => ({ from, to, type }));
      return {
        nodes,
        edges,
        cycles: analysis.cycles,
        folds: analysis.folds,
        problems: deps.topology.problems(),
        ...(at ? { at: new Date(Date.parse(at)).toISOString() } : {}),
      };
    },

    async getTopologyItem({ id }) {
      const { analysis, graph } = model.current();
      const { index } = analysis;
      const at = index.indexOf.get(id);
      const item = at === undefined ? undefined : index.items[at];
      if (at === undefined || item === undefined)
        throw new ApiFailure('not-found', `${id} is not in the topology`);
      const owner = item.owner === undefined ? undefined : index.items[index.indexOf.get(item.owner) ?? -1];
      const healthOf = (other: string) => analysis.health[index.indexOf.get(other) ?? -1] ?? 'ok';
      const nameOf = (other: string) => index.items[index.indexOf.get(other) ?? -1]?.name ?? other;
      const relations = graph.relations.flatMap((relation: Relation): { type: string; id: string }[] => {
        if (relation.from === id) return [{ type: relation.type, id: relation.to }];
        if (relation.to === id) return [{ type: REVERSE_RELATION[relation.type], id: relation.from }];
        return [];
      });
      const stale = graph.items.some((stored) => stored.item.id === id && stored.stale);
      const fold = analysis.folds.find((one) => one.rootId === id);
      return {
        item,
        node: nodeOf(analysis, at, stale),
        ...(owner ? { owner } : {}),
        impact: analysis.impactOf(id),
        suspects: analysis.suspectsOf(id),
        alerts: (analysis.alertsOf[at] ?? []).map((alert) => {
          const full = alert as Alert;
          return {
            id: full.id,
            name: full.name,
            severity: full.severity,
            state: full.state,
            summary: full.summary ?? '',
            startsAt: full.startsAt,
            ...(full.service ? { service: full.service } : {}),
          };
        }),
        relations: relations.map((relation) => ({
          ...relation,
          name: nameOf(relation.id),
          health: healthOf(relation.id),
        })),
        ...(fold ? { fold } : {}),
      };
    },
  };
}
