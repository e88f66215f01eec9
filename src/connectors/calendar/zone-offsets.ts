/**
 * UTC offsets of VTIMEZONE zones, remembered: ical.js works a zoned time's offset out from the
 * VTIMEZONE rules on every call (a search over the zone's changes, cloning each), and its recurrence
 * iterator asks on every step, so most of an expansion's cost was here. A zone object belongs to one
 * parsed calendar, so what is remembered lives as long as that calendar does.
 *
 * Rules: the key is the whole wall-clock time to the second, so a remembered offset is exactly what
 * ical.js answers (no rounding to hours, which would be wrong in a DST step's own hour); UTC and
 * floating zones are left alone (ical.js answers 0 without work).
 */
import ICAL from 'ical.js';

type Time = InstanceType<typeof ICAL.Time>;
type Zone = InstanceType<typeof ICAL.Timezone>;

/** Wall-clock seconds since 1970 as if UTC, the key for a remembered offset. */
function wallSeconds(time: Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second) / 1000;
}

const remembering = new WeakMap<Zone, Zone>();
const wrappers = new WeakSet<Zone>();

/**
 * The same zone, answering `utcOffset` from memory: an object whose prototype is the zone (so its
 * tzid and every other answer are the zone's own) with only `utcOffset` overridden.
 */
function rememberingZone(zone: Zone): Zone {
  if (wrappers.has(zone)) return zone;
  const known = remembering.get(zone);
  if (known !== undefined) return known;
  const offsets = new Map<number, number>();
  const wrapper = Object.create(zone) as Zone;
  wrapper.utcOffset = (time: Time): number => {
    const key = wallSeconds(time);
    let offset = offsets.get(key);
    if (offset === undefined) {
      offset = zone.utcOffset(time);
      offsets.set(key, offset);
    }
    return offset;
  };
  remembering.set(zone, wrapper);
  wrappers.add(wrapper);
  return wrapper;
}

/** True for a VTIMEZONE zone (not UTC, not floating): one whose offsets need working out. */
export function isRealZone(zone: Zone | undefined): zone is Zone {
  return (
    zone !== undefined &&
    zone !== ICAL.Timezone.utcTimezone &&
    zone !== ICAL.Timezone.localTimezone &&
    zone.tzid !== 'UTC' &&
    zone.tzid !== 'floating'
  );
}

/**
 * A copy of `start` whose zone remembers its offsets, to start a recurrence iterator from: every
 * time the iterator makes is a clone of it, so they all share the memory.
 */
export function rememberingStart(start: Time): Time {
  const copy = start.clone();
  if (isRealZone(copy.zone)) copy.zone = rememberingZone(copy.zone);
  return copy;
}

/** The instant (ms) of a time in its own zone, which the calendar defines. */
export function zonedInstant(time: Time): number {
  const wall = wallSeconds(time) * 1000;
  const zone = time.zone;
  if (!isRealZone(zone)) return wall;
  return wall - rememberingZone(zone).utcOffset(time) * 1000;
}

/**
 * The instant (ms) of a wall-clock time in a VTIMEZONE zone, without an ICAL.Time: ical.js's offset
 * search reads only these six fields of the time it is given.
 */
export function wallInstant(
  zone: Zone,
  fields: Readonly<{
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
  }>,
): number {
  const wall = wallSeconds(fields as Time) * 1000;
  return wall - rememberingZone(zone).utcOffset(fields as Time) * 1000;
}
