import type { SloWindow } from '../../domain/index.js';

/** The wall-clock fields of an instant in a time zone (Intl knows the zone rules; we never guess offsets). */
function zonedParts(
  ms: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const field = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** The zone's offset from UTC at `ms`, in ms (Asia/Shanghai: +8 h). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const local = zonedParts(ms, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant the calendar month containing `nowMs` began in `timeZone` (local midnight on the 1st). */
export function calendarMonthStart(nowMs: number, timeZone: string): number {
  const local = zonedParts(nowMs, timeZone);
  const guess = Date.UTC(local.year, local.month - 1, 1);
  // Two passes settle a month that starts next to a DST change.
  let start = guess - zoneOffsetMs(guess, timeZone);
  start = guess - zoneOffsetMs(start, timeZone);
  return start;
}

/** Whether Intl knows the time zone (`Asia/Shanghai` yes, `Mars/Olympus` no). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

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
