import { formatRuleValue, renderTemplate, ruleText } from './alert-rules.js';
import type { TemplateValues } from './alert-rules.js';
import type { EstateIndex } from './estate.js';
import type { Cluster, Service } from './estate-types.js';
import { estimateAlertBytes, padding } from './alert-padding.js';
import { alertFingerprint } from './fingerprint.js';
import type { AlertRule } from './rule-types.js';

export type LabelSet = Readonly<Record<string, string>>;

/**
 * One alert as the demo's Alertmanager holds it: Alertmanager's fields, with times as epoch
 * milliseconds. The HTTP layer adds receivers and status and prints times as ISO strings.
 */
export type DemoAlert = Readonly<{
  fingerprint: string;
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: number;
  updatedAt: number;
  endsAt: number;
  /** Empty when unknown (then omitted on the wire, as Alertmanager does). */
  generatorURL: string;
}>;

/** The identity and text of an alert, without its times. */
export type AlertContent = Pick<DemoAlert, 'fingerprint' | 'labels' | 'annotations' | 'generatorURL'>;

/** What an alert is about: a pod, a service's address in a cluster, or a node. */
export type AlertTarget = Readonly<{ instance: string; pod?: string; node?: string }>;

/** Prometheus re-sends firing alerts every minute and each is valid for 4 minutes after that. */
const RESEND_INTERVAL_MS = 60_000;
const VALID_FOR_MS = 4 * RESEND_INTERVAL_MS;

/** The times Alertmanager shows for an alert firing since `startsAt`, seen at `nowMs`. */
export function firingTimes(
  startsAt: number,
  nowMs: number,
): Pick<DemoAlert, 'startsAt' | 'updatedAt' | 'endsAt'> {
  const updatedAt =
    startsAt + Math.floor(Math.max(0, nowMs - startsAt) / RESEND_INTERVAL_MS) * RESEND_INTERVAL_MS;
  return { startsAt, updatedAt, endsAt: updatedAt + VALID_FOR_MS };
}

const kebabNames = new Map<string, string>();

/** `HighErrorRate` → `high-error-rate`, for runbook paths. */
function kebabCase(name: string): string {
  let kebab = kebabNames.get(name);
  if (kebab === undefined) {
    kebab = name
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
      .toLowerCase();
    kebabNames.set(name, kebab);
  }
  return kebab;
}

/** The address of a service in a cluster, used as `instance` for service-wide alerts. */
export function serviceAddress(service: Service): AlertTarget {
  return { instance: `${service.id}.${service.namespace}.svc:${service.port}` };
}

/** Everything needed to describe one alert of one rule. */
export type AlertSubject = Readonly<{
  rule: AlertRule;
  service: Service;
  cluster: Cluster;
  target: AlertTarget;
  /** A draw in [0, 1) for the measured value shown in the text. */
  valueDraw: number;
  /** Overrides the rule's severity word (scale mode draws its own mix). */
  severity?: string;
  /** Extra labels (scale mode's large alerts); never overrides the standard ones. */
  extraLabels?: LabelSet;
  /** Adds a `details` annotation (log excerpt) so the alert is about this many bytes of JSON. */
  padToBytes?: number;
}>;

/** Builds labels, annotations, generator URL and fingerprint for an alert. */
export function buildAlertContent(index: EstateIndex, subject: AlertSubject): AlertContent {
  const { rule, service, cluster, target } = subject;
  const namespace = rule.scope === 'node' ? 'kube-system' : service.namespace;
  // One literal gives every alert the same object shape, which keeps 100 000 of them cheap.
  const labels: Record<string, string> = {
    alertname: rule.name,
    severity: subject.severity ?? rule.severity,
    service: service.id,
    team: service.team,
    business_line: service.businessLine,
    env: cluster.env,
    cluster: cluster.id,
    namespace,
    instance: target.instance,
    job: rule.scope === 'node' ? 'node-exporter' : service.id,
  };
  if (target.pod !== undefined) labels.pod = target.pod;
  if (target.node !== undefined) labels.node = target.node;
  const extra = subject.extraLabels ?? {};
  for (const key in extra) if (!(key in labels)) labels[key] = extra[key] ?? '';

  const value = formatRuleValue(rule, subject.valueDraw);
  const values: TemplateValues = {
    service: service.id,
    cluster: cluster.id,
    namespace,
    instance: target.instance,
    pod: target.pod ?? target.instance,
    node: target.node ?? target.instance,
    value: value.en,
  };
  const zhValues: TemplateValues = { ...values, value: value.zh };
  const text = ruleText(rule);
  const links = linksOf(rule, service, cluster);
  const annotations: Record<string, string> =
    index.team(service.team).annotationLanguage === 'zh'
      ? {
          summary: renderTemplate(text.summary.zh, zhValues),
          description: renderTemplate(text.description.zh, zhValues),
          runbook_url: links.runbookUrl,
          dashboard_url: links.dashboardUrl,
        }
      : {
          summary: renderTemplate(text.summary.en, values),
          description: renderTemplate(text.description.en, values),
          summary_zh: renderTemplate(text.summary.zh, zhValues),
          description_zh: renderTemplate(text.description.zh, zhValues),
          runbook_url: links.runbookUrl,
          dashboard_url: links.dashboardUrl,
        };
  if (subject.padToBytes !== undefined) {
    const missing = subject.padToBytes - estimateAlertBytes(labels, annotations, links.generatorUrl);
    if (missing > 20) annotations.details = padding(missing - 14, Math.floor(subject.valueDraw * 1e9));
  }
  return { fingerprint: alertFingerprint(labels), labels, annotations, generatorURL: links.generatorUrl };
}

type Links = Readonly<{ runbookUrl: string; dashboardUrl: string; generatorUrl: string }>;

// Shared per (rule, service, cluster): 100 000 alerts then hold a few thousand URL strings, not 300 000.
const linkCache = new WeakMap<AlertRule, Map<Service, Map<Cluster, Links>>>();

function linksOf(rule: AlertRule, service: Service, cluster: Cluster): Links {
  let byService = linkCache.get(rule);
  if (!byService) {
    byService = new Map();
    linkCache.set(rule, byService);
  }
  let byCluster = byService.get(service);
  if (!byCluster) {
    byCluster = new Map();
    byService.set(service, byCluster);
  }
  let links = byCluster.get(cluster);
  if (!links) {
    const expr = rule.expr.replaceAll('$service', service.id).replaceAll('$namespace', service.namespace);
    links = {
      runbookUrl: `https://runbooks.demo.example/${service.id}/${kebabCase(rule.name)}`,
      dashboardUrl: `https://grafana.demo.example/d/${service.id}?var-cluster=${cluster.id}`,
      generatorUrl: `http://prometheus.${cluster.id}.demo.example:9090/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`,
    };
    byCluster.set(cluster, links);
  }
  return links;
}
