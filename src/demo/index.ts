/**
 * The demo estate: a simulated company (business lines, services, clusters, alert rules) and the real
 * backend protocols it serves on loopback ports, so the cockpit runs end to end with no configuration.
 *
 * Alert text convention: teams write `summary`/`description` in English plus `summary_zh`/
 * `description_zh` in zh-CN, except Chinese-only teams (dba, payments-core, risk-control, trading-order),
 * whose `summary`/`description` are zh-CN. Every alert has `runbook_url`
 * (https://runbooks.demo.example/<service>/<alert-name-in-kebab-case>) and `dashboard_url`.
 */
export { startDemoAlertmanager } from './alertmanager-server.js';
export type { DemoAlertmanager, DemoAlertmanagerOptions } from './alertmanager-server.js';
export { DEFAULT_DEMO_SEED, createDemoSimulator } from './simulator.js';
export type { DemoSimulator, DemoSimulatorOptions } from './simulator.js';
export type { DemoStorm } from './storms.js';
export type { DemoAlert, LabelSet } from './demo-alert.js';
export { DEMO_ESTATE, dependantsOf, indexEstate, instancesOf, nodesOf } from './estate.js';
export type { EstateIndex, ServiceInstance, ClusterNode } from './estate.js';
export type * from './estate-types.js';
export { ALERT_RULES, SCALE_RULES, WATCHDOG_RULE } from './alert-rules.js';
export type { AlertRule, LocalizedText, RuleProfile, RuleScope } from './rule-types.js';
export { alertFingerprint } from './fingerprint.js';
export type {
  AlertGroup,
  AlertStatus,
  GettableAlert,
  GettableSilence,
  PostableAlert,
  PostableSilence,
  SilenceMatcher,
} from './am-types.js';
