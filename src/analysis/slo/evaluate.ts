import { formatDuration } from '../../config/duration.js';
import { BURN_WINDOWS, BURN_WINDOW_MS, windowLabel } from '../../domain/index.js';
import type { BurnFactors, BurnRates, BurnWindow, SloDefinition, SloStatus } from '../../domain/index.js';
import { budgetConsumed, burnRate, errorRatio, timeToExhaustionMs } from './budget.js';
import { burnState, trippingRules } from './burn-state.js';
import { windowLengthMs, windowSpan } from './windows.js';

/** What Prometheus answered for one window: errors and total (rates or counts), or the ratio itself. */
export type WindowMeasurement = Readonly<{ errors?: number; total?: number; ratio?: number }>;

/** Every window's answer for one SLO. `slo` is the SLO's own window. */
export type SloMeasurements = Readonly<{
  slo?: WindowMeasurement;
  windows: Readonly<Partial<Record<BurnWindow, WindowMeasurement>>>;
}>;

export type EvaluateOptions = Readonly<{
  nowMs: number;
  factors: BurnFactors;
  /** Below this many events in a window, the window says nothing (the SLO window: `no-data`). */
  minEvents: number;
  /** Prometheus's retention, when known: a shorter one than the window gets a sentence. */
  retentionMs?: number;
}>;

/** Whether the total query answers per second (`rate(…)`), so events = value × window seconds. */
export function totalIsRate(definition: SloDefinition): boolean {
  return definition.indicator.kind === 'events' && /\b(i?rate)\s*\(/.test(definition.indicator.totalQuery);
}

function eventsIn(
  definition: SloDefinition,
  measurement: WindowMeasurement | undefined,
  windowMs: number,
): number | undefined {
  if (measurement?.total === undefined || !Number.isFinite(measurement.total)) return undefined;
  return totalIsRate(definition) ? measurement.total * (windowMs / 1000) : measurement.total;
}

/** The window's error ratio; undefined for too few events, NaN, or no answer. */
function ratioIn(
  definition: SloDefinition,
  measurement: WindowMeasurement | undefined,
  windowMs: number,
  minEvents: number,
): number | undefined {
  if (!measurement) return undefined;
  // A ratio SLI, or a window read from a recording rule: no volume to guard.
  if (definition.indicator.kind === 'ratio' || measurement.ratio !== undefined) {
    const ratio = measurement.ratio;
    return ratio !== undefined && Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : undefined;
  }
  const events = eventsIn(definition, measurement, windowMs);
  if (events === undefined || events < minEvents) return undefined;
  // An error query with no series (no errors ever recorded) means zero errors.
  return errorRatio(measurement.errors ?? 0, measurement.total ?? 0);
}

/** What every status of an SLO says about which SLO it is, evaluated or failed. */
function identity(definition: SloDefinition, windowMs: number) {
  return {
    id: definition.id,
    name: definition.name,
    service: definition.service,
    objective: definition.objective,
    window: windowLabel(definition.window),
    windowMs,
    format: definition.origin.format,
  };
}

/** The numbers of one SLO from its measurements: availability, budget, burn rates and state. */
export function evaluateSlo(
  definition: SloDefinition,
  measurements: SloMeasurements,
  options: EvaluateOptions,
): SloStatus {
  const { nowMs, factors, minEvents } = options;
  const span = windowSpan(definition.window, nowMs);
  const burnRates = Object.fromEntries(
    BURN_WINDOWS.map((window) => {
      const ratio = ratioIn(definition, measurements.windows[window], BURN_WINDOW_MS[window], minEvents);
      return [window, ratio === undefined ? null : burnRate(ratio, definition.objective)];
    }),
  ) as BurnRates;
  const base = {
    ...identity(definition, span.ms),
    burnRates,
    updatedAt: new Date(nowMs).toISOString(),
    stale: false,
  };
  const problems: string[] = [];
  if (options.retentionMs !== undefined && options.retentionMs < span.ms) {
    problems.push(
      `Prometheus keeps ${formatDuration(options.retentionMs)} of data, less than this SLO's ${base.window} window: the numbers cover only what it kept (raise --storage.tsdb.retention.time)`,
    );
  }
  const events = eventsIn(definition, measurements.slo, span.ms);
  const ratio = ratioIn(definition, measurements.slo, span.ms, minEvents);
  if (ratio === undefined) {
    const why =
      events !== undefined && events < minEvents
        ? `only ${Math.round(events)} events in the window, fewer than the ${minEvents} needed (minEvents under slo: in cockpit.yaml)`
        : 'Prometheus has no numbers for this SLO over its window (the queries return no series or NaN)';
    return {
      ...base,
      state: 'no-data',
      errorBudget: {},
      tripping: [],
      events,
      problem: [why, ...problems].join('; '),
    };
  }
  const consumed = budgetConsumed(ratio, definition.objective);
  const remaining = 1 - consumed;
  const tripping = trippingRules(burnRates, factors);
  const untilMs = timeToExhaustionMs(
    remaining,
    burnRates['1h'] ?? 0,
    windowLengthMs(definition.window, nowMs),
  );
  return {
    ...base,
    state: burnState(tripping),
    availability: 1 - ratio,
    errorBudget: { remaining, consumed },
    tripping,
    ...(untilMs === undefined ? {} : { exhaustsAt: new Date(nowMs + untilMs).toISOString() }),
    events,
    ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
  };
}

/** The status of an SLO whose numbers could not be had at all (its query was rejected, say). */
export function failedSlo(definition: SloDefinition, problem: string, nowMs: number): SloStatus {
  return {
    ...identity(definition, windowSpan(definition.window, nowMs).ms),
    state: 'error',
    errorBudget: {},
    burnRates: Object.fromEntries(BURN_WINDOWS.map((window) => [window, null])) as BurnRates,
    tripping: [],
    updatedAt: new Date(nowMs).toISOString(),
    stale: false,
    problem,
  };
}
