import { isTimeZone, zonedParts, zonedToUtc } from '../../domain/index.js';
import type { SloWindow } from '../../domain/index.js';

/** The instant the calendar month containing `nowMs` began in `timeZone` (local midnight on the 1st). */
export function calendarMonthStart(nowMs: number, timeZone: string): number {
  const local = zonedParts(timeZone, nowMs);
  return zonedToUtc(timeZone, local.year, local.month, 1, 0);
}

/** Whether Intl knows the time zone (`Asia/Shanghai` yes, `Mars/Olympus` no). */
export const isKnownTimeZone = isTimeZone;

/** The span the SLO's numbers cover at `nowMs`: the rolling length, or the elapsed part of the month. */
export function windowSpan(window: SloWindow, nowMs: number): Readonly<{ startMs: number; ms: number }> {
  if (window.kind === 'rolling') return { startMs: nowMs - window.ms, ms: window.ms };
  const startMs = calendarMonthStart(nowMs, window.timeZone);
  return { startMs, ms: Math.max(60_000, nowMs - startMs) };
}

/** The whole length of the window (a calendar month's full length), for budget-exhaustion times. */
export function windowLengthMs(window: SloWindow, nowMs: number): number {
  if (window.kind === 'rolling') return window.ms;
  const startMs = calendarMonthStart(nowMs, window.timeZone);
  // Any instant 32 days after the 1st lies in the next month; its start is this month's end.
  const endMs = calendarMonthStart(startMs + 32 * 86_400_000, window.timeZone);
  return endMs - startMs;
}

/** A PromQL range duration: whole units where they fit (`30d`, `1h`, `5m`), else seconds. */
export function promDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

const PROM_UNIT_MS = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
} as const;

/** Parses a Prometheus duration (`2w`, `30d`, `1h30m`, `500ms`); undefined when it is not one. */
export function parsePromDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(ms|y|w|d|h|m|s))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) {
    total += Number(match[1]) * PROM_UNIT_MS[match[2] as keyof typeof PROM_UNIT_MS];
  }
  return total > 0 ? total : undefined;
}

/**
 * The time part of Prometheus's `storageRetention` (`/api/v1/status/runtimeinfo`): `15d`,
 * `30d or 10GiB`; undefined when retention is by size only or unreadable.
 */
export function retentionMs(storageRetention: string): number | undefined {
  for (const part of storageRetention.split(/\s+or\s+/i)) {
    const ms = parsePromDuration(part);
    if (ms !== undefined) return ms;
  }
  return undefined;
}
