import type { Severity } from './severity.js';

/**
 * The CMDB topology: configuration items (Backstage entities: components, systems, resources, APIs,
 * groups, domains) and the relations between them, from catalogs (Backstage's REST API, a folder of
 * descriptor files). Ids are Backstage entity refs, lower-cased: `component:default/payments-api`.
 */

export const ITEM_KINDS = ['component', 'system', 'resource', 'api', 'group', 'user', 'domain'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The relations kept, each in its forward direction; `REVERSE_RELATION` names the other one. */
export const RELATION_TYPES = ['dependsOn', 'partOf', 'ownedBy', 'providesApi', 'consumesApi'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Backstage's name for the reverse of each kept relation (well-known-relations.md). */
export const REVERSE_RELATION = {
  dependsOn: 'dependencyOf',
  partOf: 'hasPart',
  ownedBy: 'ownerOf',
  providesApi: 'apiProvidedBy',
  consumesApi: 'apiConsumedBy',
} as const satisfies Record<RelationType, string>;
export type ReverseRelationType = (typeof REVERSE_RELATION)[RelationType];

export type ItemLink = Readonly<{ url: string; title?: string }>;

/** One configuration item. */
export type ConfigItem = Readonly<{
  /** `kind:namespace/name`, lower-case. */
  id: string;
  kind: ItemKind;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  /** The owner's id (`group:default/team-payments`). */
  owner?: string;
  /** `spec.type`: service, website, database… */
  type?: string;
  lifecycle?: string;
  /** `metadata.annotations['cockpit.io/tier']` or a `tier` label, when present. */
  tier?: string;
  /** The system's id it is part of. */
  system?: string;
  domain?: string;
  tags: readonly string[];
  links: readonly ItemLink[];
  annotations: Readonly<Record<string, string>>;
}>;

/** A relation in its forward direction: `from` dependsOn `to`. */
export type Relation = Readonly<{ from: string; type: RelationType; to: string }>;

/** A relation as stored: when it was first seen and, once gone, when it disappeared. */
export type DatedRelation = Relation & Readonly<{ sourceId: string; validFrom: string; validTo?: string }>;

/** What one successful poll of a catalog produced: the source's whole graph as of `takenAt`. */
export type TopologyGraph = Readonly<{
  sourceId: string;
  takenAt: string;
  items: readonly ConfigItem[];
  relations: readonly Relation[];
  /**
   * Sentences about what was left out (a document that is not YAML, an entity without a name, a
   * relation to an entity that does not exist, a cut-off page): the rest of the graph is kept.
   */
  problems: readonly string[];
}>;

/** A node's health, from the worst of its firing alerts. */
export const ITEM_HEALTHS = ['critical', 'warning', 'ok'] as const;
export type ItemHealth = (typeof ITEM_HEALTHS)[number];

export type ParsedRef = Readonly<{ kind: string; namespace: string; name: string }>;

/**
 * Parses a Backstage entity ref, `[kind:][namespace/]name`, with the defaults the field it came from
 * implies (`spec.owner` is a group, `spec.system` a system…). Undefined when it is not a ref.
 */
export function parseEntityRef(
  ref: string,
  defaults: Readonly<{ kind?: string; namespace?: string }> = {},
): ParsedRef | undefined {
  const text = ref.trim();
  if (text === '') return undefined;
  const colon = text.indexOf(':');
  const kind = colon === -1 ? defaults.kind : text.slice(0, colon);
  const rest = colon === -1 ? text : text.slice(colon + 1);
  const slash = rest.indexOf('/');
  const namespace = slash === -1 ? (defaults.namespace ?? 'default') : rest.slice(0, slash);
  const name = slash === -1 ? rest : rest.slice(slash + 1);
  if (!kind || !namespace || !name || name.includes('/') || name.includes(':')) return undefined;
  return { kind: kind.toLowerCase(), namespace: namespace.toLowerCase(), name };
}

/** The id of an entity: its ref, lower-cased (Backstage compares refs case-insensitively). */
export function itemIdOf(ref: ParsedRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
}

/** `kind:namespace/name` → the id, or undefined. */
export function normalizeItemId(
  ref: string,
  defaults?: Readonly<{ kind?: string; namespace?: string }>,
): string | undefined {
  const parsed = parseEntityRef(ref, defaults);
  return parsed ? itemIdOf(parsed) : undefined;
}

/** The key that identifies a relation (for diffs and de-duplication). */
export function relationKey(relation: Relation): string {
  return `${relation.from}\u0000${relation.type}\u0000${relation.to}`;
}

/** Whether a kind is one the graph keeps. */
export function isItemKind(kind: string): kind is ItemKind {
  return (ITEM_KINDS as readonly string[]).includes(kind);
}

/** A config rule (`topology.mapping:`): an alert with all these labels belongs to `entity`. */
export type AlertMappingRule = Readonly<{ labels: Readonly<Record<string, string>>; entity: string }>;

/** The entity annotations that select an entity's alerts by labels (`app=auth,env=prod`). */
export const ALERT_SELECTOR_ANNOTATIONS = [
  'cockpit.io/alert-selector',
  'prometheus.io/alert-selector',
  'grafana/alert-label-selector',
] as const;

/** One node of the topology as the api answers it. */
export type TopologyNode = Readonly<{
  id: string;
  kind: ItemKind;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  health: ItemHealth;
  /** Active alerts mapped to it (firing, acknowledged, silenced). */
  alertCount: number;
  /** The lowest failing node its failure is folded under, when it fails because of it. */
  foldedUnder?: string;
  /** Its catalog's last poll failed: shown as of its last success. */
  stale?: boolean;
}>;

export type TopologyEdge = Readonly<{ from: string; to: string; type: RelationType }>;

/** A node reached from another, with the hops between them. */
export type TopologyNeighbour = Readonly<{
  id: string;
  kind: ItemKind;
  name: string;
  title?: string;
  owner?: string;
  health: ItemHealth;
  alertCount: number;
  hops: number;
}>;

/** A failing node below another: `root` when nothing failing lies below it (look here first). */
export type TopologySuspect = TopologyNeighbour & Readonly<{ root: boolean }>;

/** A storm folded under its lowest failing node. */
export type StormFold = Readonly<{
  /** The lowest failing node's id, name and worst severity. */
  rootId: string;
  rootName: string;
  severity: Severity;
  /** Alerts of the root and of every node folded under it. */
  alertCount: number;
  /** The failing nodes folded under it (ids), lowest first. */
  folded: readonly string[];
  /** Their names, as the board lists them. */
  foldedNames: readonly string[];
}>;
