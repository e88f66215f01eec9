/**
 * The alert rule catalogue of the demo estate, and how a rule becomes text. About 45 hand-written rules
 * drive the live demo; scale mode adds exporter-style names up to 250.
 */
import type { Service } from './estate-types.js';
import type { AlertRule, LocalizedText } from './rule-types.js';
import { APPLICATION_RULES } from './rules-application.js';
import { BUSINESS_RULES } from './rules-business.js';
import { INFRASTRUCTURE_RULES } from './rules-infrastructure.js';
import { NODE_RULES } from './rules-nodes.js';
import { syntheticRules } from './rules-synthetic.js';
import { WORKLOAD_RULES } from './rules-workload.js';

export type * from './rule-types.js';

/** The hand-written rules, in catalogue order. */
export const ALERT_RULES: readonly AlertRule[] = [
  ...APPLICATION_RULES,
  ...WORKLOAD_RULES,
  ...BUSINESS_RULES,
  ...INFRASTRUCTURE_RULES,
  ...NODE_RULES,
];

/** kube-prometheus' always-firing dead man's switch: proves the alerting pipeline works end to end. */
export const WATCHDOG_RULE: AlertRule = {
  name: 'Watchdog',
  severity: 'none',
  kinds: ['kubernetes'],
  scope: 'service',
  profile: 'chronic',
  weight: 0,
  expr: 'vector(1)',
  value: [1, 1, ''],
  summary: { en: 'Alerting pipeline is alive', zh: '告警链路心跳' },
  description: {
    en: 'This alert always fires. If it stops arriving, Prometheus or Alertmanager is broken.',
    zh: '该告警始终处于触发状态；一旦收不到，说明 Prometheus 或 Alertmanager 出了故障。',
  },
};

/** Exactly 250 distinct alert names' worth of rules (hand-written first), for scale mode. */
export const SCALE_RULES: readonly AlertRule[] = (() => {
  const seen = new Set<string>();
  const rules: AlertRule[] = [];
  for (const rule of [...ALERT_RULES, WATCHDOG_RULE, ...syntheticRules()]) {
    if (seen.has(rule.name)) continue;
    seen.add(rule.name);
    rules.push(rule);
    if (rules.length === 250) break;
  }
  return rules;
})();

/** Whether a rule watches a service. */
export function ruleApplies(rule: AlertRule, service: Service): boolean {
  if (!rule.kinds.includes(service.kind)) return false;
  if (rule.services && !rule.services.includes(service.id)) return false;
  return !rule.runtimes || rule.runtimes.includes(service.runtime);
}

/** The values a rule's text templates can refer to. */
export type TemplateValues = Readonly<{
  service: string;
  cluster: string;
  namespace: string;
  instance: string;
  pod: string;
  node: string;
  value: string;
}>;

type TemplateKey = keyof TemplateValues;

/** A template split once into literal text and placeholders, so rendering 100 000 alerts is cheap. */
export type CompiledTemplate = Readonly<{ literals: readonly string[]; keys: readonly TemplateKey[] }>;

const TEMPLATE_KEYS = new Set<string>([
  'service',
  'cluster',
  'namespace',
  'instance',
  'pod',
  'node',
  'value',
]);

/** Compiles `{name}` placeholders; unknown names stay as literal text. */
function compileTemplate(template: string): CompiledTemplate {
  const literals: string[] = [];
  const keys: TemplateKey[] = [];
  let literal = '';
  const pattern = /\{(\w+)\}/g;
  let last = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    const name = match[1] ?? '';
    literal += template.slice(last, match.index);
    last = match.index + match[0].length;
    if (TEMPLATE_KEYS.has(name)) {
      literals.push(literal);
      keys.push(name as TemplateKey);
      literal = '';
    } else {
      literal += match[0];
    }
  }
  literals.push(literal + template.slice(last));
  return { literals, keys };
}

/** Fills a compiled template. */
export function renderTemplate(template: CompiledTemplate, values: TemplateValues): string {
  // join() yields one flat string; `+` would keep a rope of small pieces alive for every alert.
  const parts: string[] = [template.literals[0] ?? ''];
  for (let i = 0; i < template.keys.length; i++) {
    const key = template.keys[i];
    parts.push(key ? values[key] : '', template.literals[i + 1] ?? '');
  }
  return parts.join('');
}

const UNIT_ZH: Readonly<Record<string, string>> = {
  ' days': ' 天',
  ' min': ' 分钟',
  h: ' 小时',
  ' restarts': ' 次',
  ' times': ' 次',
  ' replicas': ' 个副本',
  ' breakers': ' 个熔断器',
  ' messages': ' 条消息',
  ' refunds': ' 笔退款',
  ' clients': ' 个客户端',
  ' connections': ' 个连接',
  ' brokers': ' 个 Broker',
  ' partitions': ' 个分区',
  ' shards': ' 个分片',
};

// Values with these units are measured, not counted, and keep one decimal on small ranges.
const MEASURED_UNITS = new Set(['%', 's', 'x', 'h', '/s']);

/** A rule's measured value for a draw in [0, 1), formatted in both languages. */
export function formatRuleValue(rule: AlertRule, u: number): LocalizedText {
  const [min, max, unit] = rule.value;
  const raw = min + u * (max - min);
  const decimals = max - min < 10 && MEASURED_UNITS.has(unit);
  const number = String(decimals ? Math.round(raw * 10) / 10 : Math.round(raw));
  return { en: number + unit, zh: number + (UNIT_ZH[unit] ?? unit) };
}

/** A rule's texts compiled once. */
export type CompiledRuleText = Readonly<{
  summary: Readonly<{ en: CompiledTemplate; zh: CompiledTemplate }>;
  description: Readonly<{ en: CompiledTemplate; zh: CompiledTemplate }>;
}>;

const compiled = new WeakMap<AlertRule, CompiledRuleText>();

/** The compiled texts of a rule (memoized per rule object). */
export function ruleText(rule: AlertRule): CompiledRuleText {
  let text = compiled.get(rule);
  if (!text) {
    text = {
      summary: { en: compileTemplate(rule.summary.en), zh: compileTemplate(rule.summary.zh) },
      description: { en: compileTemplate(rule.description.en), zh: compileTemplate(rule.description.zh) },
    };
    compiled.set(rule, text);
  }
  return text;
}
