/**
 * Alert storms: every few minutes a shared dependency (a database, a cache, the message queue, a node
 * pool…) fails in one cluster and the failure cascades up the dependency graph into 20–60 alerts, which
 * start in waves by distance from the root and clear a little after it recovers.
 */
import { ALERT_RULES } from './alert-rules.js';
import { buildAlertContent, serviceAddress } from './demo-alert.js';
import type { AlertContent, AlertTarget } from './demo-alert.js';
import { dependantsOf, instancesOf, nodesOf } from './estate.js';
import type { EstateIndex } from './estate.js';
import type { Cluster, Service } from './estate-types.js';
import { between, hash32, mulberry32, pick, unit } from './random.js';
import type { AlertRule } from './rule-types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Storms are planned per 10-minute window; about half the windows have one. */
export const STORM_WINDOW_MS = 10 * MINUTE;
const STORM_PROBABILITY = 0.55;
const SALT_STORM = 0x5701;

/** Shared components whose failure makes a believable storm. */
const ROOT_SERVICES = [
  'mysql-payment',
  'mysql-order',
  'mysql-user',
  'redis-session',
  'redis-cache',
  'kafka-main',
  'config-center',
  'elasticsearch-search',
  'auth-service',
  'payment-router',
  'inventory',
  'kubernetes',
];

/** What a storm is, for tests and for a future "incident" view of the demo. */
export type DemoStorm = Readonly<{
  id: string;
  rootService: string;
  cluster: string;
  startsAt: number;
  /** When its last alert clears. */
  endsAt: number;
  alertCount: number;
}>;

/** One alert of a storm with its own firing period. */
export type PlannedAlert = Readonly<{ content: AlertContent; startsAt: number; endsAt: number }>;

export type StormPlan = Readonly<{ storm: DemoStorm; alerts: readonly PlannedAlert[] }>;

type Candidate = Readonly<{
  rule: AlertRule;
  service: Service;
  cluster: Cluster;
  target: AlertTarget;
  depth: number;
}>;

function rule(name: string, severity?: string): AlertRule {
  const found = ALERT_RULES.find(
    (r) => r.name === name && (severity === undefined || r.severity === severity),
  );
  if (!found) throw new Error(`the demo rule catalogue has no ${name} ${severity ?? ''}`);
  return found;
}

const ROOT_ALERTS: Readonly<Record<string, readonly (readonly [AlertRule, number[]])[]>> = {
  mysql: [
    [rule('MySQLDown'), [0]],
    [rule('MySQLReplicationLag', 'critical'), [1, 2]],
    [rule('MySQLTooManyConnections'), [1]],
  ],
  redis: [
    [rule('RedisDown'), [0]],
    [rule('RedisRejectedConnections'), [1, 2, 3]],
    [rule('RedisMemoryHigh'), [4]],
  ],
  kafka: [
    [rule('KafkaBrokerDown'), [2]],
    [rule('KafkaOfflinePartitions'), [0]],
    [rule('KafkaUnderReplicatedPartitions'), [0, 1, 3]],
  ],
  elasticsearch: [
    [rule('ElasticsearchClusterRed'), [0]],
    [rule('ElasticsearchHeapUsageHigh'), [1, 3]],
  ],
  config: [
    [rule('ConfigPushFailed'), [0]],
    [rule('PodCrashLooping'), [0, 1]],
  ],
  api: [
    [rule('HighErrorRate', 'critical'), [0]],
    [rule('HighErrorRate', 'warning'), [0]],
    [rule('PodCrashLooping'), [1, 2]],
    [rule('HighLatencyP99'), [0]],
  ],
};

/** `list[i]`, for lists the estate guarantees are non-empty (every service has at least one pod). */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`the demo estate has an empty list where it needs item ${i}`);
  return item;
}

function targetsOf(index: EstateIndex, r: AlertRule, service: Service, cluster: Cluster): AlertTarget[] {
  if (r.scope === 'node') return nodesOf(index, cluster.id);
  if (r.scope === 'pod') return instancesOf(index, service.id, cluster.id);
  return [serviceAddress(service)];
}

function rootCandidates(
  index: EstateIndex,
  root: Service,
  cluster: Cluster,
  random: () => number,
): Candidate[] {
  const out: Candidate[] = [];
  if (root.kind === 'kubernetes') {
    const nodes = nodesOf(index, cluster.id);
    const first = Math.floor(random() * nodes.length);
    for (let i = 0; i < between(random(), 2, 4); i++) {
      const target = nodes[(first + i) % nodes.length] ?? { instance: 'unknown' };
      out.push({ rule: rule('NodeNotReady'), service: root, cluster, target, depth: 0 });
    }
    return out;
  }
  for (const [r, members] of ROOT_ALERTS[root.kind] ?? ROOT_ALERTS.api ?? []) {
    const targets = targetsOf(index, r, root, cluster);
    for (const member of members) {
      out.push({
        rule: r,
        service: root,
        cluster,
        target: at(targets, member % targets.length),
        depth: 0,
      });
    }
  }
  return out;
}

const HTTP_KINDS = new Set<Service['kind']>(['api', 'gateway']);

/** The service-level symptoms of a dependant at a distance from the root. */
function symptomRules(service: Service, depth: number): AlertRule[] {
  const rules: AlertRule[] = [];
  const business = ALERT_RULES.filter((r) => r.services?.includes(service.id) && r.weight > 0 && depth <= 2);
  if (HTTP_KINDS.has(service.kind)) {
    rules.push(rule('HighErrorRate', 'warning'), rule('HighLatencyP99'));
    if (depth === 1) rules.push(rule('HighErrorRate', 'critical'), rule('UpstreamConnectTimeout'));
    if (depth === 1 && service.kind === 'api') rules.push(rule('CircuitBreakerOpen'));
    if (service.tier === 1 && depth <= 2) rules.push(rule('SLOBurnRateFast'));
  } else if (service.kind === 'worker' && depth === 1) {
    rules.push(rule('PodCrashLooping'));
  }
  return [...rules, ...business];
}

function dependantCandidates(index: EstateIndex, root: Service, cluster: Cluster): Candidate[] {
  const out: Candidate[] = [];
  if (root.kind === 'kubernetes') {
    // A node pool failure hits whatever was scheduled there, not what depends on it.
    for (const service of index.estate.services) {
      if (service.kind === 'kubernetes' || !service.clusters.includes(cluster.id)) continue;
      const pods = instancesOf(index, service.id, cluster.id);
      out.push({ rule: rule('PodNotReady'), service, cluster, target: at(pods, 0), depth: 1 });
    }
    return out;
  }
  for (const { service, depth } of dependantsOf(index.estate, root.id, 3)) {
    const where = service.clusters.includes(cluster.id)
      ? cluster
      : depth === 1
        ? index.cluster(service.clusters[0] ?? cluster.id)
        : undefined;
    if (!where) continue;
    for (const r of symptomRules(service, depth)) {
      out.push({ rule: r, service, cluster: where, target: serviceAddress(service), depth });
    }
  }
  return out;
}

/** Pod-level noise on the nearest dependants, used to fill a storm up to its size. */
function podNoise(index: EstateIndex, candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const nearest = candidates.filter((c) => c.depth === 1 && c.service.kind !== 'kubernetes');
  const seen = new Set<string>();
  for (const noise of [rule('PodNotReady'), rule('ContainerOOMKilled'), rule('PodCrashLooping')]) {
    for (const { service, cluster } of nearest) {
      if (seen.has(`${noise.name}/${service.id}`)) continue;
      seen.add(`${noise.name}/${service.id}`);
      for (const target of instancesOf(index, service.id, cluster.id).slice(0, 3)) {
        out.push({ rule: noise, service, cluster, target, depth: 1 });
      }
    }
  }
  return out;
}

/** Plans the storm of window `window`, or returns undefined when that window is calm. */
export function planStorm(index: EstateIndex, seed: number, window: number): StormPlan | undefined {
  if (unit(seed, SALT_STORM, window) >= STORM_PROBABILITY) return undefined;
  const random = mulberry32(hash32(seed, SALT_STORM, window, 1));
  const root = index.service(pick(ROOT_SERVICES, random()));
  const prodClusters = (root.kind === 'kubernetes' ? index.estate.clusters.map((c) => c.id) : root.clusters)
    .map((id) => index.cluster(id))
    .filter((cluster) => cluster.env === 'prod');
  const cluster = pick(prodClusters, random());
  const t0 = window * STORM_WINDOW_MS + Math.floor(random() * (STORM_WINDOW_MS - 2 * MINUTE));
  const duration = between(random(), 3 * 60, 6 * 60) * SECOND;
  const size = between(random(), 20, 60);

  const roots = rootCandidates(index, root, cluster, random);
  const dependants = dependantCandidates(index, root, cluster);
  const alerts: PlannedAlert[] = [];
  const seen = new Set<string>();
  for (const candidate of [...roots, ...dependants, ...podNoise(index, dependants)]) {
    if (alerts.length >= size) break;
    const content = buildAlertContent(index, { ...candidate, valueDraw: random() });
    if (seen.has(content.fingerprint)) continue;
    seen.add(content.fingerprint);
    // Symptoms appear in waves by distance from the root and clear a little after it recovers.
    const startsAt = t0 + candidate.depth * 25 * SECOND + Math.floor(random() * 30 * SECOND);
    const endsAt = t0 + duration + candidate.depth * 20 * SECOND + Math.floor(random() * 60 * SECOND);
    alerts.push({ content, startsAt, endsAt });
  }
  const endsAt = Math.max(...alerts.map((alert) => alert.endsAt));
  return {
    storm: {
      id: `storm-${window}`,
      rootService: root.id,
      cluster: cluster.id,
      startsAt: t0,
      endsAt,
      alertCount: alerts.length,
    },
    alerts,
  };
}
