/**
 * Wall-clock time in an IANA time zone, from the runtime's own tz database (Intl): the freeze rules
 * ("Friday 18:00 Asia/Shanghai") and calendar times whose TZID has no VTIMEZONE need it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA zone name (Asia/Shanghai, UTC, Europe/Berlin…). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock date, weekday (0 = Sunday) and minutes after midnight of an instant in a zone. */
export type ZonedParts = Readonly<{
  year: number;
  month: number;
  day: number;
  weekday: number;
  minutes: number;
  seconds: number;
}>;

export function zonedParts(timeZone: string, utcMs: number): ZonedParts {
  const values: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) values[part.type] = part.value;
  return {
    year: Number(values.year),
    month: Number(values.month),
    day: Number(values.day),
    weekday: WEEKDAYS.indexOf(values.weekday ?? ''),
    minutes: Number(values.hour) * 60 + Number(values.minute),
    seconds: Number(values.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(timeZone: string, utcMs: number): number {
  const parts = zonedParts(timeZone, utcMs);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, 0, parts.minutes, parts.seconds);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time in a zone names. `minutes` may pass 1440 and `day` the month's end
 * (they roll over like Date.UTC's). In a DST gap the later offset wins, in an overlap the earlier.
 */
export function zonedToUtc(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  minutes: number,
  seconds = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes, seconds);
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  return second;
}
