import { errorRatioQuery } from '../../analysis/slo/queries.js';
import { sampleValue } from '../../analysis/slo/queries.js';
import { chunkRange, stepFor } from '../../analysis/slo/ranges.js';
import { intervalsFromSamples, scenarioNumbers } from '../../analysis/slo/scenarios.js';
import type { Interval } from '../../analysis/slo/scenarios.js';
import { parsePromDuration, promDuration, windowSpan } from '../../analysis/slo/windows.js';
import type { ScenarioConfig } from '../../config/slo/config.js';
import type { ScenarioStatus, SloDefinition, SloPoint } from '../../domain/index.js';
import type { ConnectorContext } from '../types.js';
import type { SloSourceConfig } from './config.js';
import { mapLimit, MAX_IN_FLIGHT } from './index.js';
import { rangeQuery } from './prometheus-api.js';

/** One series over [startMs, endMs], asked in chunks under Prometheus's 11 000-point limit. */
export async function chunkedRange(
  ctx: ConnectorContext,
  query: string,
  startMs: number,
  endMs: number,
  stepMs: number,
): Promise<Map<string, [number, number][]>> {
  const chunks = chunkRange(startMs, endMs, stepMs);
  const answers = await mapLimit(chunks, MAX_IN_FLIGHT, (chunk) =>
    rangeQuery(ctx, query, chunk.startMs, chunk.endMs, stepMs),
  );
  const series = new Map<string, [number, number][]>();
  for (const answer of answers) {
    for (const one of answer) {
      const key = JSON.stringify(one.metric);
      const points = series.get(key) ?? [];
      for (const [at, value] of one.values) points.push([at * 1000, sampleValue(value)]);
      series.set(key, points);
    }
  }
  return series;
}

function onlySeries(series: Map<string, [number, number][]>): SloPoint[] {
  const [first] = series.values();
  return (first ?? [])
    .filter(([, value]) => Number.isFinite(value))
    .map(([at, value]) => ({ at: new Date(at).toISOString(), value }));
}

/** The SLI (5-minute error ratio) and the budget remaining over the last `rangeMs`. */
export async function sloSeries(
  ctx: ConnectorContext<SloSourceConfig>,
  definition: SloDefinition,
  nowMs: number,
  rangeMs: number,
): Promise<{ sli: SloPoint[]; burnDown: SloPoint[] }> {
  const startMs = nowMs - rangeMs;
  const stepMs = stepFor(rangeMs, 360);
  const windowRange = promDuration(windowSpan(definition.window, nowMs).ms);
  const budget = 1 - definition.objective;
  const [sli, window] = await Promise.all([
    chunkedRange(ctx, errorRatioQuery(definition, '5m'), startMs, nowMs, stepMs),
    chunkedRange(ctx, errorRatioQuery(definition, windowRange), startMs, nowMs, stepMs),
  ]);
  return {
    sli: onlySeries(sli),
    burnDown: onlySeries(window).map((point) => ({ at: point.at, value: 1 - point.value / budget })),
  };
}

/**
 * Whether one alert matcher of a scenario fired during each unit: `count_over_time` over a range one
 * second shorter than the unit counts only samples of that unit (no 5-minute lookback, and a resolved
 * alert's staleness marker is never counted).
 */
function firedQuery(matcher: Readonly<Record<string, string>>, unitMs: number): string {
  const parts = Object.entries(matcher).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return `count_over_time(ALERTS{alertstate="firing",${parts.join(',')}}[${promDuration(unitMs - 1000)}])`;
}

/**
 * A scenario's numbers from Prometheus's ALERTS series: the firing periods of each matcher over the
 * window, sampled each minimum unit (default 1 min), then unioned.
 */
export async function scenarioFromAlerts(
  ctx: ConnectorContext<SloSourceConfig>,
  scenario: ScenarioConfig,
  nowMs: number,
): Promise<ScenarioStatus> {
  const windowMs = parsePromDuration(scenario.window) ?? 30 * 86_400_000;
  const unitMs = scenario.minUnit ?? 60_000;
  const fromMs = nowMs - windowMs;
  const byAlert = new Map<string, Interval[]>();
  for (const matcher of scenario.alerts) {
    const series = await chunkedRange(ctx, firedQuery(matcher, unitMs), fromMs, nowMs, unitMs);
    const name = matcherName(matcher);
    // A sample at t means the alert fired during the unit that ends at t.
    const times = [...series.values()].flat().map(([at]) => at - unitMs);
    byAlert.set(name, [...(byAlert.get(name) ?? []), ...intervalsFromSamples(times, unitMs)]);
  }
  return scenarioStatus(scenario, byAlert, nowMs, 'prometheus');
}

/** The matcher as the breakdown names it: `PaymentLatency service=payment-api`. */
export function matcherName(matcher: Readonly<Record<string, string>>): string {
  return Object.entries(matcher)
    .map(([key, value]) => (key === 'alertname' ? value : `${key}=${value}`))
    .join(' ');
}

/** A scenario's status from each matcher's firing intervals, wherever they came from. */
export function scenarioStatus(
  scenario: ScenarioConfig,
  byAlert: ReadonlyMap<string, readonly Interval[]>,
  nowMs: number,
  from: ScenarioStatus['from'],
): ScenarioStatus {
  const windowMs = parsePromDuration(scenario.window) ?? 30 * 86_400_000;
  const numbers = scenarioNumbers(byAlert, nowMs - windowMs, nowMs, scenario.minUnit ?? 60_000);
  const objective = scenario.objective / 100;
  const remaining = 1 - (1 - numbers.availability) / (1 - objective);
  return {
    id: scenario.id,
    name: scenario.name,
    objective,
    window: scenario.window,
    availability: numbers.availability,
    unstableMinutes: numbers.unstableMs / 60_000,
    breakdown: numbers.breakdown.map((one) => ({ alert: one.alert, minutes: one.ms / 60_000 })),
    ...(numbers.mttrMs === undefined ? {} : { mttrMinutes: numbers.mttrMs / 60_000 }),
    ...(numbers.mtbfMs === undefined ? {} : { mtbfMinutes: numbers.mtbfMs / 60_000 }),
    // Below the objective pages; more than half the budget gone is a ticket.
    state: remaining < 0 ? 'page' : remaining < 0.5 ? 'ticket' : 'ok',
    from,
    updatedAt: new Date(nowMs).toISOString(),
    stale: false,
  };
}
