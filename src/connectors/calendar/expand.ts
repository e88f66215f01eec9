import ICAL from 'ical.js';
import { zonedToUtc } from '../../domain/index.js';
import type { ChangeRecord, ChangeStatus, FreezeWindow } from '../../domain/index.js';
import { safeHttpUrl } from '../common/map-labels.js';
import type { CalendarMapping, CategoryMeaning } from './mapping.js';
import { simpleSlots, ZONE_MARGIN_MS } from './simple-series.js';
import type { Slot } from './simple-series.js';
import { rememberingStart, zonedInstant } from './zone-offsets.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;
type OccurrenceDetails = Readonly<{ recurrenceId: Time; item: Event; startDate: Time; endDate: Time }>;

/** A calendar that cannot be read: `message` says what is wrong and where, without the source's name. */
export class CalendarError extends Error {
  override name = 'CalendarError';
  /** For a series over the step limit: the last slot it reached, so a shorter window knows it fails too. */
  reachedMs?: number;
}

/** At most this many occurrences per calendar source in one expansion (50 000 events fit). */
export const MAX_OCCURRENCES = 100_000;
/** A series stops after this many steps from its DTSTART, reached or not (a FREQ=SECONDLY forever). */
export const MAX_SERIES_STEPS = 50_000;

/** The line (1-based) of a parser's quoted line in the text, to point a person at it. */
function lineOf(text: string, quoted: string | undefined): number | undefined {
  if (!quoted) return undefined;
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => line === quoted);
  return index === -1 ? undefined : index + 1;
}

/**
 * Parses iCalendar text into its VCALENDAR. Throws a CalendarError naming the line of a broken one
 * (`what` is where the text came from: a file, a URL, a CalDAV href).
 */
export function parseCalendar(text: string, what: string): Component {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) {
    const looksLikeHtml = /^\s*</.test(text);
    throw new CalendarError(
      `${what} is not iCalendar (it does not start with BEGIN:VCALENDAR${looksLikeHtml ? '; it looks like an HTML or XML page' : ''}); point the source at an .ics feed`,
    );
  }
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const quoted = /"([^"]*)"\s*$/.exec(reason)?.[1];
    const line = lineOf(text, quoted);
    const problem = reason.replace(/\s*"[^"]*"\s*$/, '').replace(/^invalid ical body\.\s*/, '');
    const hint = /began but did not end/.test(reason)
      ? ' (a BEGIN: without its END:, or a truncated download)'
      : '';
    throw new CalendarError(
      `${what}${line ? ` line ${line}` : ''} is not valid iCalendar: ${problem}${hint}`,
    );
  }
  const roots = Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[]);
  const root = new ICAL.Component(roots[0] as unknown[]);
  if (root.name !== 'vcalendar') {
    throw new CalendarError(
      `${what} holds a ${root.name.toUpperCase()}, not a VCALENDAR; point the source at an .ics feed`,
    );
  }
  return root;
}

/** Where expansion stands for one source; shared by every calendar of the source. */
export type ExpandOptions = Readonly<{
  sourceId: string;
  mapping: CalendarMapping;
  fromMs: number;
  toMs: number;
}>;

/** Where one placed occurrence lies, as the window test saw it: its series slot, start and end. */
export type Bounds = Readonly<{ slotMs: number; startMs: number; endMs: number }>;

/**
 * What an expansion placed. With `bounds`, each record's bounds are kept beside it, index for index,
 * so a wider expansion can later be cut to a window exactly.
 */
export type Expanded = {
  changes: ChangeRecord[];
  freezes: FreezeWindow[];
  bounds?: { changes: Bounds[]; freezes: Bounds[] };
};

function textOf(component: Component, name: string): string | undefined {
  const value: unknown = component.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Every value of every property `name` (CATEGORIES may repeat and list several values each). */
function valuesOf(component: Component, name: string): string[] {
  return component
    .getAllProperties(name)
    .flatMap((property) => property.getValues() as unknown[])
    .flatMap((value: unknown) => (typeof value === 'string' ? value.split(',') : []))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The instant of an ical.js time: its own zone when the calendar defines it, else the named one. */
function instantOf(time: Time, tzid: string | undefined, mapping: CalendarMapping, what: string): number {
  const zone = time.zone?.tzid;
  const defined = zone !== undefined && zone !== 'floating';
  if (defined && !time.isDate) return zonedInstant(time);
  // Floating, all-day (a date has no zone) or a TZID without VTIMEZONE: the wall clock in the named
  // zone, else the source's.
  let timeZone = mapping.timeZone;
  if (tzid !== undefined && !defined && !time.isDate) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tzid });
      timeZone = tzid;
    } catch {
      throw new CalendarError(
        `${what} uses TZID=${tzid}, which neither the calendar (no VTIMEZONE) nor the time-zone database knows; use an IANA name like Asia/Shanghai`,
      );
    }
  }
  const minutes = time.isDate ? 0 : time.hour * 60 + time.minute;
  return zonedToUtc(timeZone, time.year, time.month, time.day, minutes, time.isDate ? 0 : time.second);
}

function kindOf(categories: readonly string[], mapping: CalendarMapping): CategoryMeaning {
  let found: CategoryMeaning | undefined;
  for (const category of categories) {
    const meaning = mapping.categories[category.toLowerCase()];
    if (meaning === 'freeze') return 'freeze';
    found ??= meaning;
  }
  return found ?? 'other';
}

function statusOf(event: Component): ChangeStatus {
  const declared = textOf(event, 'x-change-status')?.toLowerCase();
  if (declared === 'failed' || declared === 'done' || declared === 'cancelled') return declared;
  if (declared === 'in-progress' || declared === 'planned') return declared;
  return textOf(event, 'status')?.toUpperCase() === 'CANCELLED' ? 'cancelled' : 'planned';
}

function operatorOf(event: Component): string | undefined {
  const explicit = textOf(event, 'x-operator');
  if (explicit) return explicit;
  const organizer = event.getFirstProperty('organizer');
  if (!organizer) return undefined;
  const name: unknown = organizer.getParameter('cn');
  if (typeof name === 'string' && name.trim()) return name.trim();
  const value: unknown = organizer.getFirstValue();
  return typeof value === 'string' ? value.replace(/^mailto:/i, '') || undefined : undefined;
}

type Occurrence = Readonly<{ id: string; item: Event; startMs: number; endMs: number; slotMs?: number }>;

/** What an event says about every occurrence of it: a change without id and times, or a freeze. */
type Template =
  | Readonly<{ type: 'change'; change: Omit<ChangeRecord, 'id' | 'startsAt' | 'endsAt'> }>
  | Readonly<{ type: 'freeze'; freeze: Omit<FreezeWindow, 'startsAt' | 'endsAt'> }>
  | Readonly<{ type: 'skip' }>;

function templateOf(event: Component, options: ExpandOptions, pattern: RegExp): Template {
  const meaning = kindOf(valuesOf(event, 'categories'), options.mapping);
  const summary = textOf(event, 'summary') ?? '(untitled)';
  const environment = textOf(event, 'x-environment') ?? options.mapping.environment;
  const status = statusOf(event);
  if (meaning === 'freeze') {
    if (status === 'cancelled') return { type: 'skip' };
    return {
      type: 'freeze',
      freeze: {
        name: summary,
        environments: environment ? [environment] : [],
        exemptions: valuesOf(event, 'x-exempt'),
        greenChannels: [],
        source: options.sourceId,
      },
    };
  }
  const services = valuesOf(event, 'x-service');
  const serviceInTitle = services.length === 0 ? pattern.exec(summary)?.[1]?.trim() : undefined;
  const url = safeHttpUrl(textOf(event, 'url'));
  const operator = operatorOf(event);
  return {
    type: 'change',
    change: {
      sourceId: options.sourceId,
      title: summary,
      description: textOf(event, 'description') ?? '',
      kind: meaning,
      services: services.length > 0 ? services : serviceInTitle ? [serviceInTitle] : [],
      ...(environment ? { environment } : {}),
      ...(operator ? { operator } : {}),
      status,
      ...(url ? { url } : {}),
    },
  };
}

const DAY_MS = 86_400_000;
/** Past this instant (year 9999) toISOString writes a six-digit year; before 1970 days are not cut. */
const LAST_PLAIN_MS = 253_402_300_799_999;

/**
 * `toISOString` of an instant, remembering the date and the time-of-day parts: an expansion's
 * occurrences share a few dozen days and times, and the native call (~0.6 µs) was a quarter of a
 * simple series' cost.
 */
function isoWriter(): (ms: number) => string {
  const days = new Map<number, string>();
  const times = new Map<number, string>();
  return (ms) => {
    if (ms < 0 || ms > LAST_PLAIN_MS) return new Date(ms).toISOString();
    const day = Math.floor(ms / DAY_MS);
    const timeMs = ms - day * DAY_MS;
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      days.set(day, date);
    }
    let time = times.get(timeMs);
    if (time === undefined) {
      time = new Date(timeMs).toISOString().slice(10);
      times.set(timeMs, time);
    }
    return date + time;
  };
}

/** One occurrence as a change record or a freeze window, from its event's template. */
function place(
  occurrence: Occurrence,
  template: Template,
  into: Expanded,
  iso: (ms: number) => string,
): void {
  const startsAt = iso(occurrence.startMs);
  const endsAt = iso(Math.max(occurrence.endMs, occurrence.startMs));
  const bounds = into.bounds && {
    slotMs: occurrence.slotMs ?? occurrence.startMs,
    startMs: occurrence.startMs,
    endMs: occurrence.endMs,
  };
  // Object.assign, not a spread: V8 spreads these varied-shape templates ~15 times slower, and an
  // expansion places thousands of occurrences.
  if (template.type === 'freeze') {
    into.freezes.push(Object.assign({}, template.freeze, { startsAt, endsAt }));
    if (bounds) into.bounds?.freezes.push(bounds);
  } else if (template.type === 'change') {
    into.changes.push(Object.assign({}, template.change, { id: occurrence.id, startsAt, endsAt }));
    if (bounds) into.bounds?.changes.push(bounds);
  }
}

function tzidOf(component: Component, property: string): string | undefined {
  const value: unknown = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof value === 'string' ? value : undefined;
}

/**
 * A later DTSTART for iterating a series that began long before the window: ical.js steps from
 * DTSTART one occurrence at a time (~30 µs each), so a daily series of ten years would cost 100 ms
 * per poll. Only where moving the start by whole periods gives the same occurrences: DAILY or WEEKLY,
 * no COUNT (it counts from the real start), no BY-part but BYDAY on a weekly rule, one RRULE and no
 * RDATE. The wall clock moves, so zones and DST stay right. A weekly start keeps its weekday and week
 * phase, and ical.js aligns a start that is not one of the BYDAY days to the week's first one the same
 * way at the real DTSTART as at the later one (it never yields such a DTSTART itself).
 */
function fastForward(event: Event, startMs: number, lengthMs: number, fromMs: number): Time | undefined {
  const component = event.component;
  const rules = component.getAllProperties('rrule');
  if (rules.length !== 1 || component.hasProperty('rdate')) return undefined;
  const rule: unknown = rules[0]?.getFirstValue();
  if (!(rule instanceof ICAL.Recur) || rule.count) return undefined;
  const parts = Object.keys(rule.parts);
  let periodDays: number;
  if (rule.freq === 'DAILY' && parts.length === 0) periodDays = rule.interval || 1;
  else if (rule.freq === 'WEEKLY' && parts.every((part) => part === 'BYDAY'))
    periodDays = 7 * (rule.interval || 1);
  else return undefined;
  // A day of margin on each side for zone offsets and DST.
  const periods = Math.floor((fromMs - lengthMs - startMs - 2 * 86_400_000) / (periodDays * 86_400_000));
  if (periods <= 0) return undefined;
  const start = event.startDate.clone();
  start.adjust(periods * periodDays, 0, 0, 0);
  return start;
}

/**
 * The iterator of a series' slots. A single RRULE without RDATE, EXDATE or overrides is its rule's own
 * iterator: ical.js's expansion around it only merges those in, at the cost of one more clone of
 * every slot, and yields the same slots in the same order.
 */
function seriesIterator(event: Event, start: Time, hasOverrides: boolean): { next(): Time | null } {
  const component = event.component;
  const rules = component.getAllProperties('rrule');
  const plain =
    !hasOverrides &&
    rules.length === 1 &&
    !component.hasProperty('rdate') &&
    !component.hasProperty('exdate');
  const rule: unknown = rules[0]?.getFirstValue();
  if (plain && rule instanceof ICAL.Recur) return rule.iterator(start);
  return event.iterator(start);
}

/** Start and end of one occurrence (an all-day event without DTEND lasts its day). */
function spanOf(item: Event, start: Time, end: Time | undefined, options: ExpandOptions, what: string) {
  const event = item.component;
  const startMs = instantOf(start, tzidOf(event, 'dtstart'), options.mapping, what);
  if (end === undefined || end.compare(start) <= 0) {
    return { startMs, endMs: start.isDate ? startMs + 86_400_000 : startMs };
  }
  const endTzid = tzidOf(event, 'dtend') ?? tzidOf(event, 'dtstart');
  return { startMs, endMs: instantOf(end, endTzid, options.mapping, what) };
}

function tooManySteps(what: string, reachedMs: number): CalendarError {
  const tooLong = new CalendarError(
    `${what} repeats more than ${MAX_SERIES_STEPS} times before the window ends; give its RRULE an UNTIL or COUNT, or a coarser FREQ`,
  );
  tooLong.reachedMs = reachedMs;
  return tooLong;
}

type SeriesWindow = Readonly<{ fromMs: number; toMs: number; lengthMs: number }>;

/**
 * The occurrences of a simple series (see simple-series.ts) with the same steps, limit and window
 * tests as the ical.js loop in expandCalendar; only slots within the zone margin of the window are
 * given an instant.
 */
function placeSlots(
  next: () => Slot | null,
  window: SeriesWindow,
  what: string,
  keep: (slot: Slot, slotMs: number) => void,
): void {
  const { fromMs, toMs, lengthMs } = window;
  let reached: Slot | undefined;
  for (let step = 0; ; step += 1) {
    const slot = next();
    if (!slot) return;
    if (step >= MAX_SERIES_STEPS) throw tooManySteps(what, reached ? reached.instantMs() : -Infinity);
    reached = slot;
    if (slot.wallMs - ZONE_MARGIN_MS >= toMs) return;
    if (slot.wallMs + ZONE_MARGIN_MS + lengthMs < fromMs) continue;
    const slotMs = slot.instantMs();
    if (slotMs >= toMs) return;
    if (slotMs + lengthMs >= fromMs) keep(slot, slotMs);
  }
}

/** For tests: `icalOnly` steps every series with ical.js, the reference for the simple-series path. */
export type ExpandHow = Readonly<{ icalOnly?: boolean }>;

/**
 * Expands one VCALENDAR's events over [fromMs, toMs): RRULE/RDATE/EXDATE by ical.js (simple series
 * in whole days, simple-series.ts), RECURRENCE-ID overrides related to their series, VTIMEZONE (or the
 * tz database for a bare TZID), all-day events in the source's zone. Appends to `into`; throws
 * CalendarError for an event it cannot place.
 */
export function expandCalendar(
  calendar: Component,
  what: string,
  options: ExpandOptions,
  into: Expanded,
  how: ExpandHow = {},
): void {
  const pattern = new RegExp(options.mapping.servicePattern, 'u');
  const masters = new Map<string, Component>();
  const overrides = new Map<string, Component[]>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const uid = textOf(vevent, 'uid');
    if (!uid)
      throw new CalendarError(`${what} has a VEVENT without UID ("${textOf(vevent, 'summary') ?? '?'}")`);
    if (!vevent.hasProperty('dtstart')) throw new CalendarError(`${what}: event ${uid} has no DTSTART`);
    if (vevent.hasProperty('recurrence-id')) overrides.set(uid, [...(overrides.get(uid) ?? []), vevent]);
    else masters.set(uid, vevent);
  }
  const { fromMs, toMs } = options;
  const count = () => into.changes.length + into.freezes.length;
  const templates = new Map<Component, Template>();
  const iso = isoWriter();
  const keep = (occurrence: Occurrence) => {
    if (occurrence.endMs < fromMs || occurrence.startMs >= toMs) return;
    if (count() >= MAX_OCCURRENCES) {
      throw new CalendarError(
        `${what} expands to more than ${MAX_OCCURRENCES} occurrences in the window; shorten window: (past/ahead) or split the calendar`,
      );
    }
    let template = templates.get(occurrence.item.component);
    if (template === undefined) {
      template = templateOf(occurrence.item.component, options, pattern);
      templates.set(occurrence.item.component, template);
    }
    place(occurrence, template, into, iso);
  };

  for (const [uid, vevent] of masters) {
    const eventWhat = `${what}: event ${uid}`;
    const exceptions = overrides.get(uid) ?? [];
    let event: Event;
    try {
      event = new ICAL.Event(vevent, { exceptions });
    } catch (error) {
      throw new CalendarError(
        `${eventWhat} cannot be read (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    overrides.delete(uid);
    try {
      if (!event.isRecurring()) {
        keep({
          id: `${options.sourceId}:${uid}`,
          item: event,
          ...spanOf(event, event.startDate, event.endDate, options, eventWhat),
        });
        continue;
      }
      const first = spanOf(event, event.startDate, event.endDate, options, eventWhat);
      const lengthMs = first.endMs - first.startMs;
      const tzid = tzidOf(vevent, 'dtstart');
      const start = rememberingStart(fastForward(event, first.startMs, lengthMs, fromMs) ?? event.startDate);
      const timeInstant = (time: Time) => instantOf(time, tzid, options.mapping, eventWhat);
      const slots = how.icalOnly ? undefined : simpleSlots(event, start, exceptions.length > 0, timeInstant);
      if (slots) {
        placeSlots(slots, { fromMs, toMs, lengthMs }, eventWhat, (slot, slotMs) =>
          keep({
            id: `${options.sourceId}:${uid}:${slot.key()}`,
            item: event,
            startMs: slotMs,
            endMs: slotMs + lengthMs,
          }),
        );
        continue;
      }
      const iterator = seriesIterator(event, start, exceptions.length > 0);
      let reachedMs = -Infinity;
      for (let step = 0; ; step += 1) {
        const next = iterator.next();
        if (!next) break;
        if (step >= MAX_SERIES_STEPS) throw tooManySteps(eventWhat, reachedMs);
        // The original slot decides where the series is; an override may move one occurrence.
        const slotMs = instantOf(next, tzid, options.mapping, eventWhat);
        reachedMs = slotMs;
        if (slotMs >= toMs) break;
        if (exceptions.length === 0 && slotMs + lengthMs < fromMs) continue;
        // ical.js declares this type through a JSDoc import that type-aware lint cannot resolve.
        if (exceptions.length === 0) {
          // No override can touch it: the slot and the series' length are the occurrence.
          keep({
            id: `${options.sourceId}:${uid}:${next.toString()}`,
            item: event,
            startMs: slotMs,
            endMs: slotMs + lengthMs,
          });
          continue;
        }
        const details = event.getOccurrenceDetails(next) as unknown as OccurrenceDetails;
        const span = spanOf(details.item, details.startDate, details.endDate, options, eventWhat);
        keep({
          id: `${options.sourceId}:${uid}:${details.recurrenceId.toString()}`,
          item: details.item,
          ...span,
          slotMs,
        });
      }
    } catch (error) {
      if (error instanceof CalendarError) throw error;
      throw new CalendarError(
        `${eventWhat} cannot be expanded (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  // Overrides whose series is not in this calendar (a CalDAV server may hold them apart): as single events.
  for (const [uid, list] of overrides) {
    for (const vevent of list) {
      const event = new ICAL.Event(vevent);
      const recurrence: unknown = vevent.getFirstPropertyValue('recurrence-id');
      const suffix = recurrence instanceof ICAL.Time ? recurrence.toString() : 'override';
      keep({
        id: `${options.sourceId}:${uid}:${suffix}`,
        item: event,
        ...spanOf(event, event.startDate, event.endDate, options, `${what}: event ${uid}`),
      });
    }
  }
}
