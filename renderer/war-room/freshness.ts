import type { SourceInfo } from '../../src/domain/index.js';

/**
 * How current a source's data is, relative to how often it is polled: a 15 s source is amber after
 * 55 s without news and red after 3 min; a 5 min source gets proportionally longer. Pure, tested in
 * test/renderer/war-room/freshness.test.ts.
 */
export type Freshness = 'fresh' | 'amber' | 'red' | 'waiting' | 'never';

/** Amber after 3 missed polls (+10 s of slack for a slow answer), red after 10 (+30 s). */
export function amberAfterMs(intervalMs: number): number {
  return 3 * intervalMs + 10_000;
}
export function redAfterMs(intervalMs: number): number {
  return 10 * intervalMs + 30_000;
}

export type SourceFreshness = Readonly<{
  source: SourceInfo;
  freshness: Freshness;
  /** Age of its last good data in ms; undefined when it never had any. */
  ageMs?: number;
}>;

export function sourceFreshness(source: SourceInfo, now: number): SourceFreshness {
  const at = source.lastSuccessAt === undefined ? Number.NaN : Date.parse(source.lastSuccessAt);
  if (Number.isNaN(at)) {
    // Not polled yet is a wait; polled and failed with nothing ever good is a source that never answered.
    const freshness = source.state === 'pending' ? 'waiting' : 'never';
    return { source, freshness };
  }
  const ageMs = Math.max(0, now - at);
  let freshness: Freshness = 'fresh';
  if (ageMs > redAfterMs(source.intervalMs)) freshness = 'red';
  else if (ageMs > amberAfterMs(source.intervalMs) || source.state !== 'ok') freshness = 'amber';
  return { source, freshness, ageMs };
}

const RANK: Readonly<Record<Freshness, number>> = { fresh: 0, waiting: 1, amber: 2, red: 3, never: 4 };

/**
 * The source that makes the screen least trustworthy: one that never answered, else the one with the
 * oldest data (ties: the worse freshness). What the header names: "oldest data 95 s old — Alertmanager (prod)".
 */
export function worstSource(sources: readonly SourceInfo[], now: number): SourceFreshness | undefined {
  let worst: SourceFreshness | undefined;
  for (const source of sources) {
    const one = sourceFreshness(source, now);
    if (worst === undefined) {
      worst = one;
      continue;
    }
    const rank = RANK[one.freshness] - RANK[worst.freshness];
    const older = (one.ageMs ?? Infinity) > (worst.ageMs ?? Infinity);
    if (rank > 0 || (rank === 0 && older)) worst = one;
  }
  return worst;
}

/** True when no source has usable data: every one is red or never answered (the full-screen overlay). */
export function allStale(sources: readonly SourceInfo[], now: number): boolean {
  if (sources.length === 0) return false;
  return sources.every((source) => {
    const { freshness } = sourceFreshness(source, now);
    return freshness === 'red' || freshness === 'never';
  });
}
