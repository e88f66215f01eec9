/**
 * The slots of a simple series stepped in whole days instead of by ical.js's RecurIterator, which
 * clones, normalises and compares ICAL.Time objects on every step (~7 µs each; most of an expansion).
 *
 * Rules: only FREQ=DAILY without BY-parts and FREQ=WEEKLY with at most a BYDAY of plain weekdays
 * (INTERVAL, COUNT, UNTIL and WKST allowed), one RRULE, no RDATE, no DATE-valued EXDATE, and no
 * RECURRENCE-ID override; anything else is left to ical.js. ical.js itself still decides the first slot
 * (its iterator is built once per series, from the same start) and which EXDATEs are live from there.
 * Each later slot keeps the first one's time of day, as ical.js's iterator does. Only a slot near the
 * window, an EXDATE or UNTIL is given an instant, from ical.js's own offset search for its wall clock
 * (a VTIMEZONE zone) or as a clone of the first slot (any other), so instants, strings and comparisons
 * are ical.js's. A slot further away is only counted (a zone's offset is within ±14 h; the margin is
 * 2 days). test/unit/connectors/calendar/simple-series.test.ts holds this path to ical.js's.
 */
import ICAL from 'ical.js';
import { isRealZone, wallInstant } from './zone-offsets.js';

type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;
type Recur = InstanceType<typeof ICAL.Recur>;
type Zone = InstanceType<typeof ICAL.Timezone>;
type Fields = Readonly<{
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}>;

const DAY_MS = 86_400_000;
const MARGIN_MS = 2 * DAY_MS;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** What every slot of one series shares: the first slot, its zone when a VTIMEZONE one, the fallback. */
type Shape = Readonly<{ first: Time; zone: Zone | undefined; instantOf: (time: Time) => number }>;

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * One slot (a class, not closures: an expansion makes one per step). `wallMs` is its wall clock read
 * as UTC; its date, instant (as expand.ts places it) and string (the occurrence id's tail, ICAL.Time's
 * toString) are worked out on demand.
 */
export class Slot {
  private fields: Fields | undefined;
  private made: Time | undefined;

  constructor(
    readonly wallMs: number,
    private readonly shape: Shape,
  ) {}

  private date(): Fields {
    if (this.fields === undefined) {
      const date = new Date(this.wallMs);
      const { hour, minute, second } = this.shape.first;
      const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      this.fields = { year, month, day, hour, minute, second };
    }
    return this.fields;
  }

  /** The slot as ical.js's iterator would give it: the first slot with this date. */
  private time(): Time {
    if (this.made === undefined) {
      const { year, month, day } = this.date();
      this.made = this.shape.first.clone();
      this.made.year = year;
      this.made.month = month;
      this.made.day = day;
    }
    return this.made;
  }

  instantMs(): number {
    const zone = this.shape.zone;
    return zone ? wallInstant(zone, this.date()) : this.shape.instantOf(this.time());
  }

  /** ical.js compares by toUnixTime: the zoned instant, or the wall clock as UTC for any other. */
  unixMs(): number {
    return this.shape.zone ? this.instantMs() : this.time().toUnixTime() * 1000;
  }

  key(): string {
    const { year, month, day, hour, minute, second } = this.date();
    const date = `${year}-${pad(month)}-${pad(day)}`;
    if (this.shape.first.isDate) return date;
    const utc = this.shape.first.zone === ICAL.Timezone.utcTimezone ? 'Z' : '';
    return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${utc}`;
  }
}

/**
 * Where ical.js's expansion starts its EXDATE pointer: its binary search over the sorted EXDATEs for
 * the start (RecurExpansion._init with binsearchInsert), on instants. Equal EXDATEs make the answer
 * depend on the search's path, and the pointer moves one EXDATE per slot, so this is its exact copy.
 */
function exDateStart(exMs: readonly number[], startMs: number): number {
  if (exMs.length === 0) return 0;
  let low = 0;
  let high = exMs.length - 1;
  let mid = 0;
  let order = 0;
  while (low <= high) {
    mid = low + Math.floor((high - low) / 2);
    order = Math.sign(startMs - (exMs[mid] ?? 0));
    if (order < 0) high = mid - 1;
    else if (order > 0) low = mid + 1;
    else break;
  }
  return order > 0 ? mid + 1 : mid;
}

/** Every EXDATE value (DATE ones too) as ical.js's Time objects, or undefined for any other value. */
function exDatesOf(event: Event): Time[] | undefined {
  const values = event.component
    .getAllProperties('exdate')
    .flatMap((property) => property.getValues() as unknown[]);
  const times = values.filter((value): value is Time => value instanceof ICAL.Time);
  return times.length === values.length ? times : undefined;
}

function simpleRule(event: Event, hasOverrides: boolean): Recur | undefined {
  const component = event.component;
  if (hasOverrides || component.hasProperty('rdate')) return undefined;
  const rules = component.getAllProperties('rrule');
  if (rules.length !== 1) return undefined;
  const rule: unknown = rules[0]?.getFirstValue();
  if (!(rule instanceof ICAL.Recur)) return undefined;
  const parts = Object.keys(rule.parts);
  if (rule.freq === 'DAILY' && parts.length === 0) return rule;
  if (rule.freq !== 'WEEKLY' || !parts.every((part) => part === 'BYDAY')) return undefined;
  const days: unknown = rule.parts.BYDAY ?? [];
  if (!Array.isArray(days) || !days.every((day) => WEEKDAYS.includes(String(day)))) return undefined;
  return new Set(days).size === days.length ? rule : undefined;
}

function wallMsOf(time: Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

/** Day offsets (0–6) from the week's start (WKST) of the rule's weekdays, in ical.js's order. */
function weekOffsets(rule: Recur, first: Time): number[] {
  const wkst = rule.wkst || ICAL.Time.MONDAY;
  const days: string[] = rule.parts.BYDAY ?? [WEEKDAYS[first.dayOfWeek() - 1] ?? 'MO'];
  const offsets = days.map((day) => (WEEKDAYS.indexOf(day) + 1 - wkst + 7) % 7);
  return offsets.sort((a, b) => a - b);
}

/**
 * The slots of `event`'s series from `start` (what ical.js's iterator from `start` would yield, after
 * EXDATEs), or undefined when the series is not simple. `start` is the iterator's start time.
 */
export function simpleSlots(
  event: Event,
  start: Time,
  hasOverrides: boolean,
  instantOf: (time: Time) => number,
): (() => Slot | null) | undefined {
  const rule = simpleRule(event, hasOverrides);
  if (rule === undefined) return undefined;
  const exDates = exDatesOf(event);
  // A DATE EXDATE is compared by ical.js's own day rule; past 500 EXDATEs in a row ical.js gives up.
  if (!exDates || exDates.some((date) => date.isDate) || exDates.length > 400) return undefined;
  const iterator = rule.iterator(start);
  iterator.next();
  if (iterator.completed) return undefined;
  // The iterator is not stepped again, so its time is the first slot's to keep (a clone costs ~7 µs).
  const first = iterator.last;
  const until = rule.until ? rule.until.toUnixTime() * 1000 : undefined;
  if (until !== undefined && first.toUnixTime() * 1000 > until) return undefined;
  const exMs = exDates.map((date) => date.toUnixTime() * 1000).sort((a, b) => a - b);
  let exIndex = exDateStart(exMs, start.toUnixTime() * 1000);
  // A zoned date-time's instant comes from its numbers; any other's from a clone of the first slot.
  const shape: Shape = {
    first,
    zone: !first.isDate && isRealZone(first.zone) ? first.zone : undefined,
    instantOf,
  };

  const timeOfDayMs = wallMsOf(first) - Date.UTC(first.year, first.month - 1, first.day);
  const firstDay = Math.floor(wallMsOf(first) / DAY_MS);
  const interval = rule.interval || 1;
  // Each slot is a day number; a weekly one walks its week's offsets, then jumps INTERVAL weeks.
  const offsets = rule.freq === 'WEEKLY' ? weekOffsets(rule, first) : [0];
  const period = rule.freq === 'WEEKLY' ? 7 * interval : interval;
  const firstOffset = rule.freq === 'WEEKLY' ? first.dayOfWeek(rule.wkst || ICAL.Time.MONDAY) - 1 : 0;
  let weekStart = firstDay - firstOffset;
  let index = offsets.indexOf(firstOffset);
  if (index === -1) return undefined;
  let yielded = 0;

  /** The sign of (slot − instant) as ical.js's compare would give it. */
  const compare = (slot: Slot, instantMs: number): number => {
    if (slot.wallMs - MARGIN_MS > instantMs) return 1;
    if (slot.wallMs + MARGIN_MS < instantMs) return -1;
    return Math.sign(slot.unixMs() - instantMs);
  };

  return () => {
    for (;;) {
      if (rule.count && yielded >= rule.count) return null;
      const slot = new Slot((weekStart + (offsets[index] ?? 0)) * DAY_MS + timeOfDayMs, shape);
      if (yielded > 0 && until !== undefined && compare(slot, until) > 0) return null;
      yielded += 1;
      index += 1;
      if (index === offsets.length) {
        index = 0;
        weekStart += period;
      }
      const exdate = exMs[exIndex];
      if (exdate !== undefined) {
        const order = compare(slot, exdate);
        if (order >= 0) exIndex += 1;
        if (order === 0) continue;
      }
      return slot;
    }
  };
}

/** A slot whose wall clock (read as UTC) is further than this from an instant is surely on its side. */
export const ZONE_MARGIN_MS = MARGIN_MS;
