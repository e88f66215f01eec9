/**
 * GOC business scenarios (the seeds' formula): a scenario is unstable while any of its alerts fires.
 * Unstable time is the union of the firing periods (overlaps counted once); availability =
 * (window − unstable) / window; each alert's own sum is the breakdown; MTTR is the mean length of an
 * unstable period and MTBF the mean gap between the starts of consecutive ones. Pure functions.
 */

export type Interval = Readonly<{ startMs: number; endMs: number }>;

/** Merges overlapping or touching intervals, clipped to [fromMs, toMs]; sorted by start. */
export function unionOf(intervals: readonly Interval[], fromMs: number, toMs: number): Interval[] {
  const clipped = intervals
    .map((one) => ({ startMs: Math.max(fromMs, one.startMs), endMs: Math.min(toMs, one.endMs) }))
    .filter((one) => one.endMs > one.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: { startMs: number; endMs: number }[] = [];
  for (const one of clipped) {
    const last = merged.at(-1);
    if (last && one.startMs <= last.endMs) last.endMs = Math.max(last.endMs, one.endMs);
    else merged.push({ ...one });
  }
  return merged;
}

/** Rounds each interval out to whole units (a 10-second blip counts as one minute when the unit is 1 min). */
export function roundToUnit(intervals: readonly Interval[], unitMs: number): Interval[] {
  return intervals.map((one) => ({
    startMs: Math.floor(one.startMs / unitMs) * unitMs,
    endMs: Math.ceil(one.endMs / unitMs) * unitMs,
  }));
}

const total = (intervals: readonly Interval[]) =>
  intervals.reduce((sum, one) => sum + (one.endMs - one.startMs), 0);

export type ScenarioNumbers = Readonly<{
  availability: number;
  unstableMs: number;
  breakdown: readonly Readonly<{ alert: string; ms: number }>[];
  mttrMs?: number;
  mtbfMs?: number;
}>;

/** A scenario's numbers from each alert's firing intervals over [fromMs, toMs]. */
export function scenarioNumbers(
  byAlert: ReadonlyMap<string, readonly Interval[]>,
  fromMs: number,
  toMs: number,
  unitMs: number,
): ScenarioNumbers {
  const rounded = new Map(
    [...byAlert].map(([alert, intervals]) => [alert, unionOf(roundToUnit(intervals, unitMs), fromMs, toMs)]),
  );
  const unstable = unionOf([...rounded.values()].flat(), fromMs, toMs);
  const unstableMs = total(unstable);
  const windowMs = toMs - fromMs;
  const starts = unstable.map((one) => one.startMs);
  const gaps = starts.slice(1).map((start, index) => start - (starts[index] ?? start));
  return {
    availability: windowMs > 0 ? (windowMs - unstableMs) / windowMs : 1,
    unstableMs,
    breakdown: [...rounded]
      .map(([alert, intervals]) => ({ alert, ms: total(intervals) }))
      .filter((one) => one.ms > 0)
      .sort((a, b) => b.ms - a.ms),
    ...(unstable.length > 0 ? { mttrMs: unstableMs / unstable.length } : {}),
    ...(gaps.length > 0 ? { mtbfMs: gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length } : {}),
  };
}

/** Firing intervals from a range query's sample times (ms): consecutive samples one step apart join. */
export function intervalsFromSamples(times: readonly number[], stepMs: number): Interval[] {
  const sorted = [...times].sort((a, b) => a - b);
  const intervals: { startMs: number; endMs: number }[] = [];
  for (const at of sorted) {
    const last = intervals.at(-1);
    if (last && at - last.endMs <= stepMs) last.endMs = at + stepMs;
    else intervals.push({ startMs: at, endMs: at + stepMs });
  }
  return intervals;
}
