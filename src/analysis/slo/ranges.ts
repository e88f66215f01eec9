/**
 * Prometheus refuses a query_range answering more than 11 000 points per series
 * ("exceeded maximum resolution of 11,000 points per timeseries"): longer ranges are asked in chunks.
 */
export const MAX_POINTS_PER_QUERY = 11_000;

export type RangeChunk = Readonly<{ startMs: number; endMs: number }>;

/**
 * Splits [startMs, endMs] at `stepMs` into chunks of at most `maxPoints` points each; chunks share no
 * point (each starts one step after the previous one's end), so joined answers have no duplicates.
 */
export function chunkRange(
  startMs: number,
  endMs: number,
  stepMs: number,
  maxPoints = MAX_POINTS_PER_QUERY,
): RangeChunk[] {
  if (!(stepMs > 0) || endMs < startMs) return [];
  const chunks: RangeChunk[] = [];
  const span = (maxPoints - 1) * stepMs;
  for (let from = startMs; from <= endMs; from += span + stepMs) {
    chunks.push({ startMs: from, endMs: Math.min(endMs, from + span) });
  }
  return chunks;
}

/** A step that draws `points` points over the range, never finer than `minStepMs`, in whole seconds. */
export function stepFor(rangeMs: number, points: number, minStepMs = 60_000): number {
  const raw = Math.max(minStepMs, rangeMs / Math.max(1, points));
  return Math.ceil(raw / 1000) * 1000;
}
