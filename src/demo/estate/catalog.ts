/**
 * The demo company as a Backstage software catalog: a Group per team, a System per business line, a
 * Component per service and a Resource per datastore, broker or platform piece, with `dependsOn` from
 * the estate's dependency DAG. Served by the demo host as `GET /api/catalog/entities/by-query` (so the
 * demo source reads it with the real backstage connector's code) and shipped as
 * assets/catalog/catalog-info.yaml for the catalog-files kind.
 */
import type { Estate, Service, ServiceKind } from './estate-types.js';

/** A descriptor as written in catalog-info.yaml (Backstage descriptor format). */
export type DemoEntity = Readonly<{
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Component' | 'Resource' | 'System' | 'Group';
  metadata: Readonly<{
    name: string;
    title?: string;
    description?: string;
    annotations?: Readonly<Record<string, string>>;
    tags?: readonly string[];
  }>;
  spec: Readonly<Record<string, unknown>>;
}>;

const RESOURCE_KINDS: ReadonlySet<ServiceKind> = new Set([
  'mysql',
  'redis',
  'kafka',
  'elasticsearch',
  'kubernetes',
]);
const RESOURCE_TYPE: Readonly<Partial<Record<ServiceKind, string>>> = {
  mysql: 'database',
  redis: 'cache',
  kafka: 'message-queue',
  elasticsearch: 'search-cluster',
  kubernetes: 'kubernetes-cluster',
};

const refOf = (service: Service) =>
  `${RESOURCE_KINDS.has(service.kind) ? 'resource' : 'component'}:${service.id}`;

/** Every entity of the demo catalog, teams and systems first. */
export function demoCatalog(estate: Estate): DemoEntity[] {
  const byId = new Map(estate.services.map((service) => [service.id, service]));
  const groups: DemoEntity[] = estate.teams.map((team) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: team.id, title: `${team.nameZh} ${team.name}` },
    spec: { type: 'team', children: [] },
  }));
  const systems: DemoEntity[] = estate.businessLines.map((line) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: line.id, title: `${line.nameZh} ${line.name}` },
    spec: {
      owner: `group:${estate.teams.find((team) => team.businessLine === line.id)?.id ?? 'sre-platform'}`,
    },
  }));
  const services: DemoEntity[] = estate.services.map((service) => {
    const resource = RESOURCE_KINDS.has(service.kind);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: resource ? 'Resource' : 'Component',
      metadata: {
        name: service.id,
        title: service.nameZh,
        annotations: { 'cockpit.io/tier': String(service.tier) },
        tags: [service.kind, service.runtime],
      },
      spec: {
        type: resource
          ? (RESOURCE_TYPE[service.kind] ?? 'resource')
          : service.kind === 'gateway'
            ? 'website'
            : 'service',
        ...(resource ? {} : { lifecycle: 'production' }),
        owner: `group:${service.team}`,
        system: service.businessLine,
        ...(service.dependsOn.length > 0
          ? {
              dependsOn: service.dependsOn.flatMap((id) => {
                const target = byId.get(id);
                return target ? [refOf(target)] : [];
              }),
            }
          : {}),
      },
    };
  });
  return [...groups, ...systems, ...services];
}

/**
 * An entity as the catalog API answers it: namespace filled in and `relations` computed both ways,
 * as Backstage's processors do for the fields used here.
 */
export function catalogApiEntity(entity: DemoEntity, all: readonly DemoEntity[]): Record<string, unknown> {
  const selfRef = `${entity.kind.toLowerCase()}:default/${entity.metadata.name}`;
  const relations: { type: string; targetRef: string }[] = [];
  const full = (ref: string, kind: string) =>
    (ref.includes(':') ? ref : `${kind}:${ref}`).replace(':', ':default/');
  const spec = entity.spec as { owner?: string; system?: string; dependsOn?: readonly string[] };
  if (spec.owner) relations.push({ type: 'ownedBy', targetRef: full(spec.owner, 'group') });
  if (spec.system && entity.kind !== 'System')
    relations.push({ type: 'partOf', targetRef: full(spec.system, 'system') });
  for (const ref of spec.dependsOn ?? [])
    relations.push({ type: 'dependsOn', targetRef: full(ref, 'component') });
  for (const other of all) {
    const otherSpec = other.spec as typeof spec;
    const otherRef = `${other.kind.toLowerCase()}:default/${other.metadata.name}`;
    if ((otherSpec.dependsOn ?? []).some((ref) => full(ref, 'component') === selfRef)) {
      relations.push({ type: 'dependencyOf', targetRef: otherRef });
    }
    if (otherSpec.owner && full(otherSpec.owner, 'group') === selfRef)
      relations.push({ type: 'ownerOf', targetRef: otherRef });
  }
  return {
    ...entity,
    metadata: { namespace: 'default', ...entity.metadata },
    relations,
  };
}

/** The catalog as descriptor files hold it: one YAML document per entity (assets/catalog/catalog-info.yaml). */
export function demoCatalogYaml(estate: Estate, stringify: (value: unknown) => string): string {
  const header =
    "# The demo company's service catalog (Backstage descriptor format), generated from src/demo/estate/catalog.ts.\n" +
    '# Point a catalog-files source at this folder, or load it into Backstage, to get the demo topology.\n';
  return (
    header +
    demoCatalog(estate)
      .map((entity) => `---\n${stringify(entity)}`)
      .join('')
  );
}
