/** The shapes of the demo company: business lines, teams, clusters and services. */

export type Environment = 'prod' | 'staging';

/** What a service is; decides which alert rules can fire on it. */
export type ServiceKind =
  'gateway' | 'api' | 'worker' | 'mysql' | 'redis' | 'kafka' | 'elasticsearch' | 'kubernetes' | 'config';

/**
 * The language a team writes its alert annotations in. `bilingual`: `summary`/`description` in English
 * plus `summary_zh`/`description_zh` in zh-CN. `zh`: `summary`/`description` in zh-CN only, as many
 * Chinese teams do, so the cockpit also meets Chinese text in the main fields.
 */
export type AnnotationLanguage = 'bilingual' | 'zh';

export type BusinessLine = Readonly<{ id: string; name: string; nameZh: string }>;

export type Team = Readonly<{
  id: string;
  name: string;
  nameZh: string;
  businessLine: string;
  annotationLanguage: AnnotationLanguage;
}>;

export type Cluster = Readonly<{
  id: string;
  region: string;
  regionZh: string;
  env: Environment;
  /** Second octet of the cluster's pod network, 10.<octet>.x.y. */
  networkOctet: number;
  nodeCount: number;
}>;

export type Service = Readonly<{
  id: string;
  nameZh: string;
  team: string;
  businessLine: string;
  kind: ServiceKind;
  /** 1 = business critical (SLO-bearing, pages), 3 = best effort. */
  tier: 1 | 2 | 3;
  namespace: string;
  port: number;
  /** Services this one calls or stores data in; the estate's dependency graph is a DAG. */
  dependsOn: readonly string[];
  clusters: readonly string[];
  /** Pods (or database/broker members) per cluster. */
  replicas: number;
  runtime: 'java' | 'go' | 'node' | 'python' | 'native';
}>;

/** The whole company. */
export type Estate = Readonly<{
  businessLines: readonly BusinessLine[];
  teams: readonly Team[];
  clusters: readonly Cluster[];
  services: readonly Service[];
}>;
