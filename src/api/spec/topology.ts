import { z } from 'zod';
import type {
  Alert,
  ConfigItem,
  Severity,
  StormFold,
  TopologyEdge,
  TopologyNeighbour,
  TopologyNode,
  TopologySuspect,
} from '../../domain/index.js';
import type { TOPOLOGY_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

const itemId = z.string().min(3).max(400);
const instant = z.iso.datetime({ offset: true, message: 'write an ISO time like 2026-12-02T08:00:00Z' });

export const topologyQuerySchema = z.strictObject({
  /** Only the neighbourhood of this item. */
  around: itemId.optional(),
  /** Hops around `around` (either direction). */
  depth: z.coerce.number().int().min(1).max(6).default(2),
  /** The graph as it was at this time (relations are dated); default now. */
  at: instant.optional(),
});

/** The graph (services, systems, resources, APIs: groups are owners, not nodes), with health. */
export type TopologyGraphView = Readonly<{
  nodes: readonly TopologyNode[];
  edges: readonly TopologyEdge[];
  /** Dependency cycles found (ids); the analysis walks each once. */
  cycles: readonly (readonly string[])[];
  folds: readonly StormFold[];
  /** What each catalog's last good poll left out, in sentences. */
  problems: readonly Readonly<{ sourceId: string; takenAt: string; problems: readonly string[] }>[];
  /** The graph at this time, when `at` was asked. */
  at?: string;
}>;

/** An alert as a topology answer lists it. */
export type TopologyAlertSummary = Pick<
  Alert,
  'id' | 'name' | 'severity' | 'state' | 'summary' | 'startsAt' | 'service'
>;

/** One item: where it sits, who owns it, what it takes down, what below it is failing. */
export type TopologyItemDetail = Readonly<{
  item: ConfigItem;
  node: TopologyNode;
  /** The owning group as the catalog has it (absent when it is not in the catalog). */
  owner?: ConfigItem;
  impact: readonly TopologyNeighbour[];
  suspects: readonly TopologySuspect[];
  alerts: readonly TopologyAlertSummary[];
  /** Its direct relations both ways (`dependencyOf`… for the reverse), with the other end's name. */
  relations: readonly Readonly<{ type: string; id: string; name: string; health: TopologyNode['health'] }>[];
  /** The storm folded under it, when it is the lowest failing node of one. */
  fold?: StormFold;
}>;

/** What an alert's detail shows of the topology. */
export type AlertTopology = Readonly<{
  itemId: string;
  itemName: string;
  owner?: Readonly<{ id: string; name: string; title?: string }>;
  /** Dependents, nearest first, at most 30 (`impactCount` is all of them). */
  impact: readonly TopologyNeighbour[];
  impactCount: number;
  suspects: readonly TopologySuspect[];
  foldedUnder?: Readonly<{ id: string; name: string }>;
}>;

/** A storm on the war-room board: the folded services' groups are listed in it instead of as cards. */
export type BoardFold = Readonly<{
  rootId: string;
  rootName: string;
  severity: Severity;
  /** Alerts on the board of the root and the folded services. */
  alertCount: number;
  /** The board's service of the root, when it has alerts of its own. */
  rootService?: string;
  /** The folded services, worst first. */
  services: readonly string[];
}>;

export const TOPOLOGY_SPEC = {
  getTopology: { input: topologyQuerySchema, output: returns<TopologyGraphView>() },
  getTopologyItem: { input: z.strictObject({ id: itemId }), output: returns<TopologyItemDetail>() },
} as const satisfies SpecFor<typeof TOPOLOGY_METHODS>;
