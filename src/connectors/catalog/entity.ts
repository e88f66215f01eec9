import type { ConfigItem, ItemLink, Relation, RelationType, TopologyGraph } from '../../domain/index.js';
import {
  RELATION_TYPES,
  isItemKind,
  itemIdOf,
  normalizeItemId,
  parseEntityRef,
  relationKey,
} from '../../domain/index.js';

/**
 * A Backstage entity as a descriptor file or the catalog API holds it (descriptor-format.md), read
 * loosely: a wrong field is left out or named in a problem, never a failed poll.
 */
export type RawEntity = Readonly<{
  kind?: unknown;
  metadata?: unknown;
  spec?: unknown;
  relations?: unknown;
}>;

type Record_ = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Record_ =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((one): one is string => typeof one === 'string' && one !== '') : [];

/** Annotations the catalog adds itself (where it read the entity from); a descriptor never has them. */
const CATALOG_ANNOTATIONS = /^backstage\.io\/(managed-by-|view-url$|edit-url$|source-location$|orphan$)/;

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, one] of Object.entries(value)) {
    if (typeof one === 'string' && !CATALOG_ANNOTATIONS.test(key)) out[key] = one;
  }
  return out;
}

function links(value: unknown): ItemLink[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((link) => {
    if (!isRecord(link)) return [];
    const url = text(link.url);
    if (!url || !/^https?:\/\//i.test(url)) return [];
    const title = text(link.title);
    return [{ url, ...(title ? { title } : {}) }];
  });
}

/** One entity read: the item, or the sentence saying why it was skipped (undefined: a kind not kept). */
export type EntityRead =
  Readonly<{ item: ConfigItem; spec: Record_ }> | Readonly<{ problem: string }> | undefined;

/** The item of an entity; `where` names it in a problem ("catalog/payments.yaml document 3"). */
export function readEntity(entity: RawEntity, where: string): EntityRead {
  if (!isRecord(entity))
    return { problem: `${where} is not an entity (an object with kind, metadata and spec)` };
  const kindText = text(entity.kind);
  if (!kindText) return { problem: `${where} has no kind; skipped` };
  const kind = kindText.toLowerCase();
  // Location, Template and other kinds are the catalog's own bookkeeping, not configuration items.
  if (!isItemKind(kind)) return undefined;
  const metadata = isRecord(entity.metadata) ? entity.metadata : {};
  const name = text(metadata.name);
  if (!name) return { problem: `${where} (${kindText}) has no metadata.name; skipped` };
  const namespace = (text(metadata.namespace) ?? 'default').toLowerCase();
  const ref = parseEntityRef(`${kind}:${namespace}/${name}`);
  if (!ref) return { problem: `${where}: "${name}" is not a valid entity name; skipped` };
  const spec = isRecord(entity.spec) ? entity.spec : {};
  const annotations = stringMap(metadata.annotations);
  const labels = stringMap(metadata.labels);
  const defaults = { namespace };
  const owner = text(spec.owner) && normalizeItemId(String(spec.owner), { ...defaults, kind: 'group' });
  const system = text(spec.system) && normalizeItemId(String(spec.system), { ...defaults, kind: 'system' });
  const domain = text(spec.domain) && normalizeItemId(String(spec.domain), { ...defaults, kind: 'domain' });
  const tier = annotations['cockpit.io/tier'] ?? labels.tier;
  const item: ConfigItem = {
    id: itemIdOf(ref),
    kind,
    namespace,
    name,
    ...(text(metadata.title) ? { title: String(metadata.title) } : {}),
    ...(text(metadata.description) ? { description: String(metadata.description) } : {}),
    ...(owner ? { owner } : {}),
    ...(text(spec.type) ? { type: String(spec.type) } : {}),
    ...(text(spec.lifecycle) ? { lifecycle: String(spec.lifecycle) } : {}),
    ...(tier ? { tier } : {}),
    ...(system ? { system } : {}),
    ...(domain ? { domain } : {}),
    tags: texts(metadata.tags),
    links: links(metadata.links),
    annotations,
  };
  return { item, spec };
}

/**
 * The relations Backstage's builtin processor emits for an entity's spec (forward direction only):
 * owner → ownedBy, system/domain/subcomponentOf/subdomainOf → partOf, dependsOn, providesApis,
 * consumesApis. `dependsOn` has no default kind in Backstage; a bare name is taken as a component.
 */
export function specRelations(item: ConfigItem, spec: Record_): Relation[] {
  const defaults = { namespace: item.namespace };
  const out: Relation[] = [];
  const add = (type: RelationType, refs: readonly string[], kind: string) => {
    for (const ref of refs) {
      const to = normalizeItemId(ref, { ...defaults, kind });
      if (to) out.push({ from: item.id, type, to });
    }
  };
  const one = (value: unknown) => (text(value) ? [String(value)] : []);
  add('ownedBy', one(spec.owner), 'group');
  if (item.kind === 'component' || item.kind === 'resource' || item.kind === 'api') {
    add('partOf', one(spec.system), 'system');
  }
  if (item.kind === 'component') {
    add('partOf', one(spec.subcomponentOf), 'component');
    add('providesApi', texts(spec.providesApis), 'api');
    add('consumesApi', texts(spec.consumesApis), 'api');
  }
  if (item.kind === 'component' || item.kind === 'resource')
    add('dependsOn', texts(spec.dependsOn), 'component');
  if (item.kind === 'system') add('partOf', one(spec.domain), 'domain');
  if (item.kind === 'domain') add('partOf', one(spec.subdomainOf), 'domain');
  return out;
}

/** The kept relations an entity from the catalog API lists under `relations` (its forward ones). */
export function listedRelations(item: ConfigItem, relations: unknown): Relation[] {
  if (!Array.isArray(relations)) return [];
  return relations.flatMap((relation) => {
    if (!isRecord(relation)) return [];
    const type = relation.type;
    const target = text(relation.targetRef);
    if (typeof type !== 'string' || !(RELATION_TYPES as readonly string[]).includes(type) || !target)
      return [];
    const to = normalizeItemId(target);
    return to ? [{ from: item.id, type: type as RelationType, to }] : [];
  });
}

const EXAMPLES = 3;

/**
 * The source's graph from the items and relations read: an id seen twice keeps its first entity, a
 * relation to an entity that does not exist is left out, and each is named in one problem sentence.
 */
export function buildGraph(
  sourceId: string,
  takenAt: string,
  reads: readonly Readonly<{ item: ConfigItem; relations: readonly Relation[] }>[],
  problems: readonly string[],
): TopologyGraph {
  const items = new Map<string, ConfigItem>();
  const duplicates: string[] = [];
  for (const { item } of reads) {
    if (items.has(item.id)) duplicates.push(item.id);
    else items.set(item.id, item);
  }
  const relations = new Map<string, Relation>();
  const dangling: string[] = [];
  for (const { relations: listed } of reads) {
    for (const relation of listed) {
      if (!items.has(relation.to) || !items.has(relation.from)) {
        dangling.push(`${relation.from} ${relation.type} ${relation.to}`);
        continue;
      }
      relations.set(relationKey(relation), relation);
    }
  }
  const more = (list: readonly string[]) =>
    list.length > EXAMPLES ? ` and ${list.length - EXAMPLES} more` : '';
  const sentences = [...problems];
  if (duplicates.length > 0) {
    sentences.push(
      `${duplicates.length} entities are defined twice (${duplicates.slice(0, EXAMPLES).join(', ')}${more(duplicates)}); the first definition is kept`,
    );
  }
  const uniqueDangling = [...new Set(dangling)];
  if (uniqueDangling.length > 0) {
    sentences.push(
      `${uniqueDangling.length} relations point at entities that do not exist (${uniqueDangling.slice(0, EXAMPLES).join('; ')}${more(uniqueDangling)}); they are left out`,
    );
  }
  const sortedItems = [...items.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sortedRelations = [...relations.values()].sort((a, b) => {
    const ka = relationKey(a);
    const kb = relationKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { sourceId, takenAt, items: sortedItems, relations: sortedRelations, problems: sentences };
}
