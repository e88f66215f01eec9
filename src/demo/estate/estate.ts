/**
 * The demo company: five business lines (支付 Payments, 交易 Trading, 用户 Identity, 物流 Logistics and the
 * shared 基础平台 Platform), 13 teams, 44 services with a dependency DAG, 12 clusters (10 prod, 2 staging).
 * The estate is fixed: the simulator's seed changes what happens to it, never what it is.
 */
import { BUSINESS_LINES, CLUSTERS, SERVICES, TEAMS } from './estate-data.js';
import type { Cluster, Estate, Service, Team } from './estate-types.js';
import { hashString } from './random.js';

export type * from './estate-types.js';

/** The built-in demo estate. */
export const DEMO_ESTATE: Estate = {
  businessLines: BUSINESS_LINES,
  teams: TEAMS,
  clusters: CLUSTERS,
  services: SERVICES,
};

/** One running copy of a service: a pod, a database member or a broker. */
export type ServiceInstance = Readonly<{ instance: string; pod: string }>;

/** One Kubernetes node of a cluster. */
export type ClusterNode = Readonly<{ instance: string; node: string }>;

/** Lookups over an estate, built once. */
export type EstateIndex = Readonly<{
  estate: Estate;
  service(id: string): Service;
  team(id: string): Team;
  cluster(id: string): Cluster;
  /** Index of a service in `estate.services`; stable, used to lay out IP addresses. */
  serviceOrdinal(id: string): number;
}>;

function lookup<T extends Readonly<{ id: string }>>(items: readonly T[], kind: string): (id: string) => T {
  const byId = new Map(items.map((item) => [item.id, item]));
  return (id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`the demo estate has no ${kind} "${id}"`);
    return item;
  };
}

/** Builds lookups for an estate (throws on an unknown id: the estate is code, a miss is a bug). */
export function indexEstate(estate: Estate): EstateIndex {
  const ordinals = new Map(estate.services.map((service, index) => [service.id, index]));
  return {
    estate,
    service: lookup(estate.services, 'service'),
    team: lookup(estate.teams, 'team'),
    cluster: lookup(estate.clusters, 'cluster'),
    serviceOrdinal: (id) => ordinals.get(id) ?? 0,
  };
}

const POD_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function podSuffix(hash: number, length: number): string {
  let text = '';
  let rest = hash;
  for (let i = 0; i < length; i++) {
    text += POD_ALPHABET[rest % POD_ALPHABET.length] ?? 'x';
    rest = Math.floor(rest / POD_ALPHABET.length) ^ (i * 7919);
  }
  return text;
}

const STATEFUL_KINDS = new Set<Service['kind']>(['mysql', 'redis', 'kafka', 'elasticsearch']);

/** The copies of a service in a cluster, with stable pod-network addresses and Kubernetes-like pod names. */
export function instancesOf(index: EstateIndex, serviceId: string, clusterId: string): ServiceInstance[] {
  const service = index.service(serviceId);
  const cluster = index.cluster(clusterId);
  const ordinal = index.serviceOrdinal(serviceId);
  const replicaSet = podSuffix(hashString(`${serviceId}/${clusterId}`), 10);
  const count = Math.max(1, service.replicas);
  const instances: ServiceInstance[] = [];
  for (let i = 0; i < count; i++) {
    const pod = STATEFUL_KINDS.has(service.kind)
      ? `${serviceId}-${i}`
      : `${serviceId}-${replicaSet}-${podSuffix(hashString(`${serviceId}/${clusterId}/${i}`), 5)}`;
    instances.push({ instance: `10.${cluster.networkOctet}.${ordinal + 1}.${10 + i}:${service.port}`, pod });
  }
  return instances;
}

/** The nodes of a cluster, e.g. `sh-prod-a-node-07` at 10.20.250.17:9100 (node_exporter). */
export function nodesOf(index: EstateIndex, clusterId: string): ClusterNode[] {
  const cluster = index.cluster(clusterId);
  return Array.from({ length: cluster.nodeCount }, (_, i) => ({
    instance: `10.${cluster.networkOctet}.250.${10 + i}:9100`,
    node: `${clusterId}-node-${String(i + 1).padStart(2, '0')}`,
  }));
}

/** Who is hurt when `serviceId` fails: every service depending on it within `maxHops`, nearest first. */
export function dependantsOf(
  estate: Estate,
  serviceId: string,
  maxHops: number,
): { service: Service; depth: number }[] {
  const found = new Map<string, number>([[serviceId, 0]]);
  const result: { service: Service; depth: number }[] = [];
  let frontier = [serviceId];
  for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const service of estate.services) {
      if (found.has(service.id) || !service.dependsOn.some((dep) => frontier.includes(dep))) continue;
      found.set(service.id, depth);
      result.push({ service, depth });
      next.push(service.id);
    }
    frontier = next;
  }
  return result;
}
