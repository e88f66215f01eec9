/** Backoff settings for failing sources. */
export type BackoffOptions = Readonly<{
  /** The delay window after the first failure (defaults to the source interval). */
  baseMs: number;
  /** The largest window; the mean delay at the cap is about capMs / 2. */
  capMs: number;
  /** Never retry sooner than this (defaults to the source interval). */
  floorMs: number;
}>;

/**
 * Full-jitter exponential backoff (AWS, "Exponential Backoff and Jitter"): a uniformly random delay in
 * [0, min(cap, base·2^(failures-1))], never below the floor, and never before the server's Retry-After.
 */
export function backoffDelay(
  consecutiveFailures: number,
  options: BackoffOptions,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
  const window = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const delay = Math.max(options.floorMs, Math.floor(random() * window));
  return retryAfterMs !== undefined ? Math.max(delay, Math.min(retryAfterMs, 3_600_000)) : delay;
}

/** A successful source polls again after its interval ±10 %, so many cockpits do not poll in step. */
export function nextIntervalDelay(intervalMs: number, random: () => number = Math.random): number {
  return Math.round(intervalMs * (0.9 + random() * 0.2));
}

/** Default cap: two minutes, so an outage costs about one request per minute per source. */
export const DEFAULT_BACKOFF_CAP_MS = 120_000;

/**
 * A fast source backs off to at most eight of its intervals (never under 10 s): a wall polling every
 * second sees its backend come back within seconds, while a 15 s source still reaches the full cap.
 */
export function sourceCapMs(intervalMs: number, capMs: number): number {
  return Math.max(intervalMs, Math.min(capMs, Math.max(8 * intervalMs, 10_000)));
}
