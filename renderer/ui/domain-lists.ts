import type { AlertSort } from '../../src/api/contract.js';
import type { AlertState, Severity, SourceState } from '../../src/domain/index.js';

/*
 * The renderer may not import runtime values from src/, so it keeps its own copies of the closed
 * lists it iterates. `Covers` makes a copy that misses a member of the contract's union a type error.
 */
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;

/** Worst first, like the contract's SEVERITIES. */
export const SEVERITY_ORDER = ['critical', 'high', 'warning', 'info'] as const satisfies readonly Severity[];
export const ALERT_STATE_LIST = [
  'firing',
  'pending',
  'acknowledged',
  'silenced',
  'resolved',
] as const satisfies readonly AlertState[];
export const SOURCE_STATE_LIST = [
  'ok',
  'stale',
  'error',
  'pending',
] as const satisfies readonly SourceState[];
export const ALERT_SORT_LIST = [
  'severity',
  'startsAt',
  'name',
  'service',
  'source',
] as const satisfies readonly AlertSort[];

const _severities: Covers<Severity, (typeof SEVERITY_ORDER)[number]> = true;
const _states: Covers<AlertState, (typeof ALERT_STATE_LIST)[number]> = true;
const _sourceStates: Covers<SourceState, (typeof SOURCE_STATE_LIST)[number]> = true;
const _sorts: Covers<AlertSort, (typeof ALERT_SORT_LIST)[number]> = true;

/** Larger is worse: critical 4 … info 1. */
export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.length - SEVERITY_ORDER.indexOf(severity);
}
