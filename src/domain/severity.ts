/** The cockpit's four ordered severity levels, worst first. */
export const SEVERITIES = ['critical', 'high', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank where a larger number is worse: critical 4 … info 1. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/** Sort comparator: worst severity first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** The worse of two severities (就高原则: when several rules match, the highest wins). */
export function worstSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/**
 * How a source maps its own severity words onto the cockpit's levels.
 * `labels` are read in order; every label that is present contributes, and the worst result wins.
 * `values` maps a lower-cased source value to a level, or to `filtered` to drop the alert.
 */
export type SeverityMapping = Readonly<{
  labels: readonly string[];
  values: Readonly<Record<string, Severity | 'filtered'>>;
  default: Severity;
}>;

export const DEFAULT_SEVERITY_VALUES: Readonly<Record<string, Severity>> = {
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  disaster: 'critical',
  page: 'critical',
  p0: 'critical',
  p1: 'critical',
  致命: 'critical',
  high: 'high',
  error: 'high',
  major: 'high',
  p2: 'high',
  严重: 'high',
  warning: 'warning',
  warn: 'warning',
  average: 'warning',
  minor: 'warning',
  p3: 'warning',
  预警: 'warning',
  info: 'info',
  information: 'info',
  low: 'info',
  none: 'info',
  notice: 'info',
  p4: 'info',
  提醒: 'info',
};

export const DEFAULT_SEVERITY_MAPPING: SeverityMapping = {
  labels: ['severity'],
  values: DEFAULT_SEVERITY_VALUES,
  default: 'warning',
};

/**
 * Maps an alert's labels to a severity. Returns `filtered` when a matching rule says to drop it.
 * Unknown values fall back to `mapping.default`; a `filtered` match wins over everything.
 */
export function mapSeverity(
  labels: Readonly<Record<string, string>>,
  mapping: SeverityMapping,
): Severity | 'filtered' {
  let result: Severity | undefined;
  for (const labelName of mapping.labels) {
    const raw = labels[labelName];
    if (raw === undefined) continue;
    const mapped = mapping.values[raw.trim().toLowerCase()] ?? mapping.default;
    if (mapped === 'filtered') return 'filtered';
    result = result === undefined ? mapped : worstSeverity(result, mapped);
  }
  return result ?? mapping.default;
}
