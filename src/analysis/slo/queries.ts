import { BURN_WINDOWS, BURN_WINDOW_MS } from '../../domain/index.js';
import type { BurnWindow, SloDefinition } from '../../domain/index.js';
import type { SloMeasurements, WindowMeasurement } from './evaluate.js';
import { promDuration, windowSpan } from './windows.js';

/** Sloth's template placeholder, also used for Pyrra and OpenSLO queries the cockpit builds. */
export const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;

/** Replaces `{{.window}}` with a PromQL duration. */
export function withWindow(query: string, range: string): string {
  return query.replace(WINDOW_PLACEHOLDER, range);
}

type Part = 'errors' | 'total' | 'ratio';
/** Burn windows read from a recording rule (an error-ratio selector) instead of the indicator. */
export type RecordedWindows = Readonly<Partial<Record<BurnWindow, string>>>;
export type WindowKey = BurnWindow | 'slo';

export const ALL_WINDOW_KEYS: readonly WindowKey[] = [...BURN_WINDOWS, 'slo'];
/**
 * The windows that cost Prometheus most (a month of samples for a 30-day SLO) and move least between
 * two polls: asked every few minutes, not every poll (see the slo connector).
 */
export const LONG_WINDOW_KEYS: readonly WindowKey[] = ['1d', '3d', 'slo'];
export const SHORT_WINDOW_KEYS: readonly WindowKey[] = ALL_WINDOW_KEYS.filter(
  (key) => !LONG_WINDOW_KEYS.includes(key),
);

/** The label the combined query tags each answer with; chosen so no real metric has it. */
const WINDOW_LABEL = 'cockpit_slo_window';
const PART_LABEL = 'cockpit_slo_part';

function tagged(query: string, window: WindowKey, part: Part): string {
  return `label_replace(label_replace((${query}), "${WINDOW_LABEL}", "${window}", "", ""), "${PART_LABEL}", "${part}", "", "")`;
}

/** The PromQL ranges of an SLO at `nowMs`: the seven burn windows and its own window. */
export function sloRanges(definition: SloDefinition, nowMs: number): Readonly<Record<WindowKey, string>> {
  const ranges = Object.fromEntries(
    BURN_WINDOWS.map((window) => [window, promDuration(BURN_WINDOW_MS[window])]),
  );
  return { ...ranges, slo: promDuration(windowSpan(definition.window, nowMs).ms) } as Record<
    WindowKey,
    string
  >;
}

/**
 * One instant query answering every window and part of one SLO, each series tagged by window and part:
 * one request per SLO instead of sixteen, and one rejected query hurts only its own SLO.
 */
export function combinedSloQuery(
  definition: SloDefinition,
  nowMs: number,
  keys: readonly WindowKey[] = ALL_WINDOW_KEYS,
  recorded: RecordedWindows = {},
): string {
  const ranges = sloRanges(definition, nowMs);
  const { indicator } = definition;
  const parts = keys.flatMap((key) => {
    const rule = key === 'slo' ? undefined : recorded[key];
    if (rule !== undefined) return [tagged(rule, key, 'ratio')];
    return indicator.kind === 'ratio'
      ? [tagged(withWindow(indicator.errorRatioQuery, ranges[key]), key, 'ratio')]
      : [
          tagged(withWindow(indicator.errorQuery, ranges[key]), key, 'errors'),
          tagged(withWindow(indicator.totalQuery, ranges[key]), key, 'total'),
        ];
  });
  return parts.join(' or ');
}

/** One series of an instant-query vector (Prometheus docs/querying/api.md). */
export type VectorSample = Readonly<{
  metric: Readonly<Record<string, string>>;
  value: readonly [number, string];
}>;

/** Prometheus writes floats as strings, with `NaN`, `+Inf` and `-Inf` spelled out. */
export function sampleValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** The measurements of one SLO from the combined query's answer, or a sentence when it is unusable. */
export function readCombinedAnswer(
  definition: SloDefinition,
  samples: readonly VectorSample[],
  recorded: RecordedWindows = {},
): { measurements: SloMeasurements } | { problem: string } {
  const found = new Map<string, number[]>();
  for (const sample of samples) {
    const key = `${sample.metric[WINDOW_LABEL] ?? '?'}/${sample.metric[PART_LABEL] ?? '?'}`;
    const list = found.get(key) ?? [];
    list.push(sampleValue(sample.value[1]));
    found.set(key, list);
  }
  for (const [key, values] of found) {
    if (values.length > 1) {
      const [window, part] = key.split('/');
      const which = part === 'total' ? 'total query' : part === 'ratio' ? 'error ratio query' : 'error query';
      return {
        problem: `the ${which} returns ${values.length} series over ${window === 'slo' ? 'the SLO window' : window}, not one; aggregate it, e.g. wrap it in sum(…)`,
      };
    }
  }
  const one = (window: WindowKey, part: Part) => found.get(`${window}/${part}`)?.[0];
  const measure = (window: WindowKey): WindowMeasurement | undefined => {
    if (definition.indicator.kind === 'ratio' || (window !== 'slo' && recorded[window] !== undefined)) {
      const ratio = one(window, 'ratio');
      return ratio === undefined ? undefined : { ratio };
    }
    const total = one(window, 'total');
    if (total === undefined) return undefined;
    const errors = one(window, 'errors');
    return errors === undefined ? { total } : { total, errors };
  };
  const windows: Partial<Record<BurnWindow, WindowMeasurement>> = {};
  for (const window of BURN_WINDOWS) {
    const measurement = measure(window);
    if (measurement) windows[window] = measurement;
  }
  return { measurements: { slo: measure('slo'), windows } };
}

/**
 * The error ratio over `range` as one PromQL expression, for query_range (the SLI over time and the
 * burn-down): errors / total, or the raw ratio query.
 */
export function errorRatioQuery(definition: SloDefinition, range: string): string {
  const { indicator } = definition;
  if (indicator.kind === 'ratio') return withWindow(indicator.errorRatioQuery, range);
  // No error series at all means no errors, not no answer.
  return `((${withWindow(indicator.errorQuery, range)}) or on() vector(0)) / (${withWindow(indicator.totalQuery, range)})`;
}
