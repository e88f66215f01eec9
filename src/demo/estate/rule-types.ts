import type { Service, ServiceKind } from './estate-types.js';

/** Text in both of the cockpit's languages. Placeholders: {service} {cluster} {instance} {pod} {node} {namespace} {value}. */
export type LocalizedText = Readonly<{ en: string; zh: string }>;

/** What the `instance` label points at: one pod, the service's address in a cluster, or a node. */
export type RuleScope = 'pod' | 'service' | 'node';

/**
 * How episodes of this alert behave over time. transient: minutes. sustained: up to about an hour.
 * flappy: fires and clears several times within an episode. chronic: hours (certificates, disks).
 */
export type RuleProfile = 'transient' | 'sustained' | 'flappy' | 'chronic';

/** One Prometheus alerting rule of the demo estate. */
export type AlertRule = Readonly<{
  name: string;
  /** The raw `severity` label word, deliberately including `page`, `error` and `none`. */
  severity: string;
  kinds: readonly ServiceKind[];
  /** Only these services (business metrics), when set. */
  services?: readonly string[];
  /** Only services on these runtimes (JVM rules), when set. */
  runtimes?: readonly Service['runtime'][];
  scope: RuleScope;
  profile: RuleProfile;
  /** Relative share of the quiet-time baseline; 0 means the rule fires only in storms. */
  weight: number;
  /** PromQL; `$service` and `$namespace` are replaced. */
  expr: string;
  /** The range of the `{value}` shown in text, and its unit. */
  value: readonly [min: number, max: number, unit: string];
  summary: LocalizedText;
  description: LocalizedText;
}>;
