/**
 * The demo Alertmanager's configuration, as behaviour: which receivers an alert goes to (per-team phone
 * and WeCom receivers, a GOC war-room and a wall-screen receiver), how alerts are grouped, and which
 * alerts inhibit others. `demoConfigYaml` prints the same rules for `GET /api/v2/status`.
 */
import type { DemoAlert } from '../estate/demo-alert.js';
import type { Estate } from '../estate/estate-types.js';
import type { Receiver, WireLabels } from './am-types.js';

/** Labels alerts are grouped by in `GET /api/v2/alerts/groups`. */
export const GROUP_BY = ['alertname', 'service'] as const;

const PAGING = new Set(['critical', 'page']);
const SCREEN_ONLY = new Set(['info', 'none']);

const receiverCache = new Map<string, readonly Receiver[]>();

/** Receivers of an alert, in route order (shared arrays: 100 000 alerts have a few dozen distinct lists). */
export function receiversFor(labels: WireLabels): readonly Receiver[] {
  const team = labels.team ?? '';
  const severity = (labels.severity ?? '').toLowerCase();
  const key = `${team}\u0000${severity}`;
  let receivers = receiverCache.get(key);
  if (!receivers) {
    const names: string[] = [];
    if (PAGING.has(severity)) {
      // The team's phone route has `continue: true`, so the GOC war-room receiver gets it too.
      if (team) names.push(`${team}-phone`);
      names.push('goc-war-room');
    } else if (SCREEN_ONLY.has(severity)) {
      names.push('goc-screen');
    } else {
      names.push(team ? `${team}-wecom` : 'default');
    }
    receivers = names.map((name) => ({ name }));
    receiverCache.set(key, receivers);
  }
  return receivers;
}

/** Every receiver of the demo configuration. */
export function allReceivers(estate: Estate): Receiver[] {
  const names = ['default', 'goc-war-room', 'goc-screen'];
  for (const team of estate.teams) names.push(`${team.id}-phone`, `${team.id}-wecom`);
  return names.map((name) => ({ name }));
}

type InhibitRule = Readonly<{
  source: (labels: WireLabels) => boolean;
  target: (labels: WireLabels) => boolean;
  equal: readonly string[];
}>;

const INHIBIT_RULES: readonly InhibitRule[] = [
  {
    source: (labels) => PAGING.has(labels.severity ?? ''),
    target: (labels) => labels.severity === 'warning' || labels.severity === 'info',
    equal: ['alertname', 'cluster', 'service'],
  },
  {
    source: (labels) => labels.alertname === 'NodeNotReady',
    target: (labels) =>
      ['NodeHighCPU', 'NodeMemoryPressure', 'DiskWillFillIn4h', 'NodeClockSkew'].includes(
        labels.alertname ?? '',
      ),
    equal: ['cluster', 'node'],
  },
];

function equalKey(labels: WireLabels, names: readonly string[]): string {
  let key = '';
  for (const name of names) key += `${labels[name] ?? ''}\u0000`;
  return key;
}

/** Which firing alerts inhibit which: target fingerprint → sorted source fingerprints. */
export function inhibitions(alerts: readonly DemoAlert[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const rule of INHIBIT_RULES) {
    const sources = new Map<string, string[]>();
    for (const alert of alerts) {
      if (!rule.source(alert.labels)) continue;
      const key = equalKey(alert.labels, rule.equal);
      const list = sources.get(key);
      if (list) list.push(alert.fingerprint);
      else sources.set(key, [alert.fingerprint]);
    }
    if (sources.size === 0) continue;
    for (const alert of alerts) {
      if (!rule.target(alert.labels)) continue;
      const found = sources.get(equalKey(alert.labels, rule.equal));
      if (!found) continue;
      const by = found.includes(alert.fingerprint) ? found.filter((fp) => fp !== alert.fingerprint) : found;
      if (by.length === 0) continue;
      const earlier = result.get(alert.fingerprint);
      result.set(alert.fingerprint, earlier ? [...earlier, ...by].sort() : [...by].sort());
    }
  }
  return result;
}

/** The configuration above as Alertmanager YAML, for `config.original` in `GET /api/v2/status`. */
export function demoConfigYaml(estate: Estate): string {
  const lines = [
    'global:',
    '  resolve_timeout: 5m',
    'route:',
    '  receiver: default',
    `  group_by: [${GROUP_BY.join(', ')}]`,
    '  group_wait: 30s',
    '  group_interval: 5m',
    '  repeat_interval: 4h',
    '  routes:',
  ];
  for (const team of estate.teams) {
    lines.push(
      `  - matchers: ['team="${team.id}"', 'severity=~"critical|page"']`,
      `    receiver: ${team.id}-phone`,
      '    continue: true',
      `  - matchers: ['team="${team.id}"', 'severity!~"critical|page|info|none"']`,
      `    receiver: ${team.id}-wecom`,
    );
  }
  lines.push(
    `  - matchers: ['severity=~"critical|page"']`,
    '    receiver: goc-war-room',
    `  - matchers: ['severity=~"info|none"']`,
    '    receiver: goc-screen',
    'inhibit_rules:',
    `- source_matchers: ['severity=~"critical|page"']`,
    `  target_matchers: ['severity=~"warning|info"']`,
    '  equal: [alertname, cluster, service]',
    `- source_matchers: ['alertname="NodeNotReady"']`,
    `  target_matchers: ['alertname=~"NodeHighCPU|NodeMemoryPressure|DiskWillFillIn4h|NodeClockSkew"']`,
    '  equal: [cluster, node]',
    'receivers:',
    ...allReceivers(estate).map((receiver) => `- name: ${receiver.name}`),
  );
  return `${lines.join('\n')}\n`;
}
