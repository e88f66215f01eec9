import type { Alert, AlertMappingRule, ConfigItem } from '../../domain/index.js';
import { ALERT_SELECTOR_ANNOTATIONS, normalizeItemId } from '../../domain/index.js';
import type { GraphIndex } from './graph.js';

/** The few fields of an alert the topology needs. */
export type TopologyAlert = Pick<
  Alert,
  'id' | 'name' | 'severity' | 'state' | 'service' | 'labels' | 'sourceId'
>;

type Matchers = readonly (readonly [string, string])[];

/** `app=auth, env="prod"` → pairs; undefined when a part is not `key=value`. */
export function parseSelector(text: string): Matchers | undefined {
  const pairs: [string, string][] = [];
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const match = /^([A-Za-z_][A-Za-z0-9_.\-/]*)\s*=\s*"?([^"]*)"?$/.exec(trimmed);
    if (!match) return undefined;
    pairs.push([match[1] as string, match[2] as string]);
  }
  return pairs.length > 0 ? pairs : undefined;
}

const matches = (labels: Readonly<Record<string, string>>, matchers: Matchers) =>
  matchers.every(([key, value]) => labels[key] === value);

/**
 * Maps alerts to items, first rule that holds: the config's `labels → entity` rules, in order; an
 * entity's alert-selector annotation; the alert's `service` as the name of an item (a component
 * first). An alert no rule maps is left out (it stays on the board as it is).
 */
export function createAlertMapper(
  index: GraphIndex,
  rules: readonly AlertMappingRule[],
): (alert: TopologyAlert) => number | undefined {
  const ruled = rules.flatMap((rule) => {
    const id = normalizeItemId(rule.entity, { kind: 'component' });
    const at = id === undefined ? undefined : index.indexOf.get(id);
    return at === undefined ? [] : [{ at, matchers: Object.entries(rule.labels) }];
  });
  const selected: { at: number; matchers: Matchers }[] = [];
  index.items.forEach((item: ConfigItem, at) => {
    for (const annotation of ALERT_SELECTOR_ANNOTATIONS) {
      const text = item.annotations[annotation];
      const matchers = text === undefined ? undefined : parseSelector(text);
      if (matchers) selected.push({ at, matchers });
    }
  });
  return (alert) => {
    for (const rule of ruled) if (matches(alert.labels, rule.matchers)) return rule.at;
    for (const rule of selected) if (matches(alert.labels, rule.matchers)) return rule.at;
    if (alert.service === undefined) return undefined;
    return index.byName.get(alert.service.toLowerCase());
  };
}
