/**
 * The demo estate: a simulated company (business lines, services, clusters, alert rules) and the real
 * backend protocols it serves on loopback ports, so the cockpit runs end to end with no configuration.
 * `estate/` is the company and its time-driven alerts; `alertmanager/` serves them over the Alertmanager
 * v2 API. Code outside src/demo/ imports only this file (lint); tests may reach the internals.
 *
 * Alert text convention: teams write `summary`/`description` in English plus `summary_zh`/
 * `description_zh` in zh-CN, except Chinese-only teams (dba, payments-core, risk-control, trading-order),
 * whose `summary`/`description` are zh-CN. Every alert has `runbook_url`
 * (https://runbooks.demo.example/<service>/<alert-name-in-kebab-case>) and `dashboard_url`.
 */
export { demoConfig } from './demo-config.js';
export { startDemoSources } from './host.js';
export type { DemoSources, RunningDemo } from './host.js';
// For tests and benchmarks that drive the estate and its Alertmanager directly.
export { startDemoAlertmanager } from './alertmanager/alertmanager-server.js';
export type { DemoAlertmanager, DemoAlertmanagerOptions } from './alertmanager/alertmanager-server.js';
export { createDemoSimulator } from './estate/simulator.js';
