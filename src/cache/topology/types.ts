import type { ConfigItem, DatedRelation, TopologyGraph } from '../../domain/index.js';

/** What writing one source's graph did. */
export type TopologyApplied = Readonly<{
  itemsAdded: number;
  itemsChanged: number;
  itemsRemoved: number;
  relationsAdded: number;
  relationsRemoved: number;
  /** The source's problem sentences differ from before. */
  problemsChanged: boolean;
}>;

/** An item as stored, with its source and whether that source's last poll failed. */
export type StoredItem = Readonly<{ item: ConfigItem; sourceId: string; stale: boolean }>;

/** The merged graph of every catalog source (an id two sources report is the first source's). */
export type StoredGraph = Readonly<{
  items: readonly StoredItem[];
  relations: readonly DatedRelation[];
}>;

export type TopologySourceProblems = Readonly<{
  sourceId: string;
  takenAt: string;
  problems: readonly string[];
}>;

/** The topology domain of the cache: each catalog source's dated items and relations. */
export interface ITopologyStore {
  /** Replaces the source's graph: what is gone gets its `validTo`, what is new its `validFrom`. */
  applyGraph(graph: TopologyGraph): TopologyApplied;
  /** The graph now (kept in memory until the next write), or as it was at `atMs`. */
  graph(atMs?: number): StoredGraph;
  /** Grows whenever the graph now changes: what a reader caches its index by. */
  revision(): number;
  /** The problems each source's last good poll reported. */
  problems(): readonly TopologySourceProblems[];
  /** Deletes rows that stopped being valid before the cutoff; returns rows removed. */
  pruneBefore(cutoffMs: number): number;
  forgetSourcesExcept(sourceIds: readonly string[]): number;
}
