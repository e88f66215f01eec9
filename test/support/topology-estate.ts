import type { ConfigItem, Relation, Severity } from '../../src/domain/index.js';
import type { TopologyAlert } from '../../src/analysis/topology/index.js';
import { mulberry32 } from '../../src/demo/estate/random.js';

export const item = (name: string, extra: Partial<ConfigItem> = {}): ConfigItem => ({
  id: `${extra.kind ?? 'component'}:default/${name}`,
  kind: 'component',
  namespace: 'default',
  name,
  tags: [],
  links: [],
  annotations: {},
  ...extra,
});

export const dependsOn = (from: string, to: string): Relation => ({
  from: `component:default/${from}`,
  type: 'dependsOn',
  to: `component:default/${to}`,
});

let serial = 0;
export const alert = (
  service: string,
  severity: Severity = 'critical',
  extra: Partial<TopologyAlert> = {},
): TopologyAlert => ({
  id: `am:${(serial += 1)}`,
  sourceId: 'am',
  name: 'HighErrorRate',
  severity,
  state: 'firing',
  service,
  labels: { service },
  ...extra,
});

/** A seeded pseudo-random source (the demo's mulberry32), so a generated graph is the same on every run. */
export const seeded = mulberry32;

/**
 * A layered service graph like an estate's: `items` services in layers, each depending on a few
 * services of lower layers (plus `cycles` back edges), `failing` of them with a critical alert.
 */
export function generatedEstate(options: {
  items: number;
  relations: number;
  failing: number;
  cycles?: number;
  seed?: number;
}): { items: ConfigItem[]; relations: Relation[]; alerts: TopologyAlert[] } {
  const random = seeded(options.seed ?? 1);
  const names = Array.from({ length: options.items }, (_, index) => `svc-${index}`);
  const items = names.map((name) => item(name));
  const relations = new Map<string, Relation>();
  let guard = 0;
  while (relations.size < options.relations && guard < options.relations * 20) {
    guard += 1;
    // Lower index = lower layer: a service depends on one with a smaller index.
    const from = 1 + Math.floor(random() * (options.items - 1));
    const to = Math.floor(random() * from);
    const relation = dependsOn(names[from] as string, names[to] as string);
    relations.set(`${relation.from}>${relation.to}`, relation);
  }
  for (let index = 0; index < (options.cycles ?? 0); index += 1) {
    const to = 1 + Math.floor(random() * (options.items - 1));
    const from = Math.floor(random() * to);
    const relation = dependsOn(names[from] as string, names[to] as string);
    relations.set(`${relation.from}>${relation.to}`, relation);
  }
  const failing = new Set<number>();
  while (failing.size < options.failing) failing.add(Math.floor(random() * options.items));
  const alerts = [...failing].map((index) =>
    alert(names[index] as string, random() < 0.5 ? 'critical' : 'warning'),
  );
  return { items, relations: [...relations.values()], alerts };
}
