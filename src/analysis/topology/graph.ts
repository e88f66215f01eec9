import type { ConfigItem, Relation, RelationType } from '../../domain/index.js';

/**
 * Which way a failure travels along each relation: `a dependsOn b` means b failing affects a;
 * `a partOf s` means a failing affects s; a provider affects its API, an API its consumers.
 * Ownership carries no failure.
 */
const AFFECTS: Readonly<Record<RelationType, 'to-from' | 'from-to' | undefined>> = {
  dependsOn: 'to-from',
  partOf: 'from-to',
  providesApi: 'from-to',
  consumesApi: 'to-from',
  ownedBy: undefined,
};

/** Edges as compressed rows: node i's targets are `targets[offsets[i]] … targets[offsets[i + 1] - 1]`. */
export type Adjacency = Readonly<{ offsets: Int32Array; targets: Int32Array }>;

/** The graph as dense integer adjacency, built once per graph: what every analysis walks. */
export type GraphIndex = Readonly<{
  items: readonly ConfigItem[];
  indexOf: ReadonlyMap<string, number>;
  /** The nodes a failure of i reaches in one step (its dependents, its system…). */
  affects: Adjacency;
  /** The nodes whose failure reaches i in one step (its dependencies…). */
  affectedBy: Adjacency;
  /** Items by lower-cased name, components first: the default alert mapping. */
  byName: ReadonlyMap<string, number>;
  /** Strongly connected components of `affects`, causes first (see `components`). */
  componentOf: Int32Array;
  members: readonly (readonly number[])[];
}>;

const KIND_ORDER = ['component', 'resource', 'system', 'api', 'domain', 'group', 'user'];

function adjacency(n: number, pairs: Int32Array, count: number, flip: boolean): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (let edge = 0; edge < count; edge += 1) {
    const source = pairs[edge * 2 + (flip ? 1 : 0)] as number;
    offsets[source + 1] = (offsets[source + 1] ?? 0) + 1;
  }
  for (let node = 0; node < n; node += 1) offsets[node + 1] = (offsets[node + 1] ?? 0) + (offsets[node] ?? 0);
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(count);
  for (let edge = 0; edge < count; edge += 1) {
    const source = pairs[edge * 2 + (flip ? 1 : 0)] as number;
    const target = pairs[edge * 2 + (flip ? 0 : 1)] as number;
    targets[fill[source] as number] = target;
    fill[source] = (fill[source] as number) + 1;
  }
  return { offsets, targets };
}

/** Indexes items and relations; a relation whose ends are not both items is ignored. */
export function indexGraph(items: readonly ConfigItem[], relations: readonly Relation[]): GraphIndex {
  const n = items.length;
  const indexOf = new Map<string, number>();
  items.forEach((item, index) => indexOf.set(item.id, index));
  // (cause, effect) pairs, flat.
  const pairs = new Int32Array(relations.length * 2);
  let count = 0;
  for (const relation of relations) {
    const direction = AFFECTS[relation.type];
    if (direction === undefined) continue;
    const from = indexOf.get(relation.from);
    const to = indexOf.get(relation.to);
    if (from === undefined || to === undefined || from === to) continue;
    pairs[count * 2] = direction === 'to-from' ? to : from;
    pairs[count * 2 + 1] = direction === 'to-from' ? from : to;
    count += 1;
  }
  const affects = adjacency(n, pairs, count, false);
  const affectedBy = adjacency(n, pairs, count, true);
  const byName = new Map<string, number>();
  const rank = (at: number) => {
    const item = items[at] as ConfigItem;
    return KIND_ORDER.indexOf(item.kind) * 2 + (item.namespace === 'default' ? 0 : 1);
  };
  items.forEach((item, index) => {
    const key = item.name.toLowerCase();
    const current = byName.get(key);
    if (current === undefined || rank(index) < rank(current)) byName.set(key, index);
  });
  const { componentOf, members } = components(n, affects);
  return { items, indexOf, affects, affectedBy, byName, componentOf, members };
}

/**
 * Strongly connected components (Tarjan, iterative so a chain of 20 000 does not overflow the
 * stack), numbered so that a component comes after every component that affects it (a topological
 * order of the condensation).
 */
export function components(n: number, edges: Adjacency): { componentOf: Int32Array; members: number[][] } {
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const componentOf = new Int32Array(n);
  const stack = new Int32Array(n);
  let stackSize = 0;
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  const members: number[][] = [];
  let counter = 0;
  for (let start = 0; start < n; start += 1) {
    if (order[start] !== -1) continue;
    let depth = 0;
    workNode[0] = start;
    workEdge[0] = edges.offsets[start] as number;
    order[start] = low[start] = counter++;
    stack[stackSize++] = start;
    onStack[start] = 1;
    while (depth >= 0) {
      const node = workNode[depth] as number;
      const edge = workEdge[depth] as number;
      if (edge < (edges.offsets[node + 1] as number)) {
        workEdge[depth] = edge + 1;
        const target = edges.targets[edge] as number;
        if (order[target] === -1) {
          depth += 1;
          workNode[depth] = target;
          workEdge[depth] = edges.offsets[target] as number;
          order[target] = low[target] = counter++;
          stack[stackSize++] = target;
          onStack[target] = 1;
        } else if (onStack[target]) {
          low[node] = Math.min(low[node] as number, order[target] as number);
        }
        continue;
      }
      depth -= 1;
      if (depth >= 0) {
        const parent = workNode[depth] as number;
        low[parent] = Math.min(low[parent] as number, low[node] as number);
      }
      if (low[node] === order[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack[--stackSize] as number;
          onStack[member] = 0;
          componentOf[member] = members.length;
          component.push(member);
        } while (member !== node);
        members.push(component);
      }
    }
  }
  // Tarjan finishes a component after every component it reaches: reverse for causes first.
  const count = members.length;
  for (let i = 0; i < n; i += 1) componentOf[i] = count - 1 - (componentOf[i] as number);
  members.reverse();
  return { componentOf, members };
}

/** What a breadth-first walk reached: the nodes in order (start excluded) and each one's hops (-1: not reached). */
export type Reached = Readonly<{ nodes: Int32Array; hops: Int32Array }>;

/** Breadth-first from `start` along `edges`, at most `maxHops` deep; visits each node once. */
export function reach(edges: Adjacency, start: number, maxHops = Number.POSITIVE_INFINITY): Reached {
  const n = edges.offsets.length - 1;
  const hops = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  hops[start] = 0;
  queue[0] = start;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const node = queue[head++] as number;
    const depth = hops[node] as number;
    if (depth >= maxHops) continue;
    for (let edge = edges.offsets[node] as number; edge < (edges.offsets[node + 1] as number); edge += 1) {
      const target = edges.targets[edge] as number;
      if (hops[target] !== -1) continue;
      hops[target] = depth + 1;
      queue[tail++] = target;
    }
  }
  return { nodes: queue.subarray(1, tail), hops };
}

/** The targets of one node. */
export function neighboursOf(edges: Adjacency, node: number): Int32Array {
  return edges.targets.subarray(edges.offsets[node], edges.offsets[node + 1]);
}
