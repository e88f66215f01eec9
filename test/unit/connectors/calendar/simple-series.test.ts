import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { expandCalendar, parseCalendar } from '../../../../src/connectors/calendar/expand.js';
import type { Expanded, ExpandHow } from '../../../../src/connectors/calendar/expand.js';
import {
  calendarMappingFields,
  normalizeCalendarMapping,
} from '../../../../src/connectors/calendar/mapping.js';

const DAY = 86_400_000;
const ZONES: Record<string, string[]> = {
  'America/New_York': [
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'DTSTART:20070311T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'DTSTART:20071104T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'END:STANDARD',
  ],
  'Europe/Berlin': [
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'DTSTART:19810329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'DTSTART:19961027T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
  ],
  'Asia/Shanghai': [
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'DTSTART:19700101T000000',
    'END:STANDARD',
  ],
};
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return {
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const pad = (value: number) => String(value).padStart(2, '0');
function wall(ms: number, date = false): string {
  const at = new Date(ms);
  const day = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  return date ? day : `${day}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}00`;
}

/** One calendar of random simple (and a few not simple) series around `nowMs`. */
function randomCalendar(seed: number, nowMs: number): string {
  const pick = random(seed);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN'];
  for (const [tzid, body] of Object.entries(ZONES))
    lines.push('BEGIN:VTIMEZONE', `TZID:${tzid}`, ...body, 'END:VTIMEZONE');
  for (let index = 0; index < 40; index += 1) {
    const kind = pick.pick(['zoned', 'zoned', 'zoned', 'utc', 'floating', 'bare', 'date'] as const);
    const tzid = pick.pick(Object.keys(ZONES));
    // From years before the window to inside it; hours that hit DST steps (02:30) now and then.
    const startMs =
      Math.floor((nowMs - pick.int(6 * 365) * DAY + pick.int(40) * DAY) / DAY) * DAY +
      pick.pick([0, 2.5, 8, 9.75, 20, 23.5]) * 3_600_000;
    const date = kind === 'date';
    const value = (ms: number) => {
      if (kind === 'zoned') return `;TZID=${tzid}:${wall(ms)}`;
      if (kind === 'bare') return `;TZID=Asia/Tokyo:${wall(ms)}`;
      if (kind === 'utc') return `:${wall(ms)}Z`;
      if (date) return `;VALUE=DATE:${wall(ms, true)}`;
      return `:${wall(ms)}`;
    };
    const freq = pick.pick(['DAILY', 'WEEKLY', 'WEEKLY', 'MONTHLY'] as const);
    const parts = [`FREQ=${freq}`];
    if (pick.chance(0.4)) parts.push(`INTERVAL=${1 + pick.int(4)}`);
    if (freq === 'WEEKLY' && pick.chance(0.8)) {
      parts.push(`BYDAY=${DAYS.filter(() => pick.chance(0.4)).join(',') || 'SA'}`);
    }
    if (freq === 'WEEKLY' && pick.chance(0.3)) parts.push(`WKST=${pick.pick(DAYS)}`);
    const end = pick.int(4);
    if (end === 0) parts.push(`COUNT=${1 + pick.int(3000)}`);
    if (end === 1) parts.push(`UNTIL=${wall(nowMs + (pick.int(30) - 10) * DAY + pick.int(24) * 3_600_000)}Z`);
    const lengthMs = date ? DAY * (1 + pick.int(2)) : pick.pick([30, 60, 240, 1500]) * 60_000;
    lines.push('BEGIN:VEVENT', `UID:s${index}@test`, 'DTSTAMP:20250101T000000Z');
    lines.push(`DTSTART${value(startMs)}`, `DTEND${value(startMs + lengthMs)}`, `RRULE:${parts.join(';')}`);
    const exdates = pick.int(4);
    for (let ex = 0; ex < exdates; ex += 1) {
      // Most on a slot's day at its time (near the window or long before), some at no slot's time.
      const base = pick.chance(0.5) ? nowMs + (pick.int(30) - 15) * DAY : startMs + pick.int(60) * DAY;
      const exMs = Math.floor(base / DAY) * DAY + (startMs % DAY) + (pick.chance(0.2) ? 3_600_000 : 0);
      lines.push(`EXDATE${value(exMs)}`);
    }
    lines.push(`SUMMARY:[svc-${index}] series ${index}`, 'CATEGORIES:RELEASE', 'END:VEVENT');
    if (pick.chance(0.1)) {
      // A moved occurrence: the series goes through ical.js, and must give the same answer.
      const slot = Math.floor(nowMs / DAY) * DAY + (startMs % DAY);
      lines.push(
        'BEGIN:VEVENT',
        `UID:s${index}@test`,
        'DTSTAMP:20250101T000000Z',
        `RECURRENCE-ID${value(slot)}`,
      );
      lines.push(
        `DTSTART${value(slot + 3_600_000)}`,
        `DTEND${value(slot + 7_200_000)}`,
        'SUMMARY:moved',
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

const MAPPING = normalizeCalendarMapping(
  z.object(calendarMappingFields).parse({ timezone: 'Europe/Berlin' }),
);

function expand(text: string, fromMs: number, toMs: number, how: ExpandHow): Required<Expanded> | string {
  const into: Required<Expanded> = { changes: [], freezes: [], bounds: { changes: [], freezes: [] } };
  try {
    expandCalendar(
      parseCalendar(text, 'test'),
      'test',
      { sourceId: 'cal', mapping: MAPPING, fromMs, toMs },
      into,
      how,
    );
  } catch (error) {
    return String(error);
  }
  return into;
}

describe('simple series stepped in days give what ical.js gives', () => {
  it('on 30 seeded calendars of 40 series (DST in New York and Berlin, Shanghai, UTC, floating, all-day; EXDATE, COUNT, UNTIL, INTERVAL, WKST, overrides)', () => {
    let occurrences = 0;
    for (let seed = 1; seed <= 30; seed += 1) {
      // Windows across the March and October/November DST steps, a plain month and a new year (weeks
      // that span two years).
      const nowMs = Date.parse(
        ['2026-03-20T00:00:00Z', '2026-10-30T00:00:00Z', '2026-12-02T00:00:00Z', '2026-12-31T00:00:00Z'][
          seed % 4
        ] ?? '',
      );
      const text = randomCalendar(seed, nowMs);
      const fast = expand(text, nowMs - 15 * DAY, nowMs + 15 * DAY, {});
      const reference = expand(text, nowMs - 15 * DAY, nowMs + 15 * DAY, { icalOnly: true });
      expect(fast, `seed ${seed}`).toEqual(reference);
      if (typeof fast === 'string') continue;
      occurrences += fast.changes.length;
      // The remembered date and time parts write what toISOString writes.
      const written = fast.changes.map((change) => change.startsAt);
      expect(written).toEqual(fast.bounds.changes.map((bounds) => new Date(bounds.startMs).toISOString()));
    }
    expect(occurrences).toBeGreaterThan(8_000);
  }, 120_000);

  it('keeps the wall clock across DST: a New York weekly since 2020 moves an hour in UTC on 8 March 2026', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VTIMEZONE',
      'TZID:America/New_York',
      ...(ZONES['America/New_York'] ?? []),
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:cab@test',
      'DTSTAMP:20250101T000000Z',
      'DTSTART;TZID=America/New_York:20200106T090000',
      'DTEND;TZID=America/New_York:20200106T100000',
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
      'EXDATE;TZID=America/New_York:20260312T090000',
      'SUMMARY:[payments] CAB',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const fromMs = Date.parse('2026-02-20T00:00:00Z');
    const expanded = expand(text, fromMs, fromMs + 32 * DAY, {});
    if (typeof expanded === 'string') throw new Error(expanded);
    // 2020-01-06 + 164 weeks is 2026-02-23: that week, then the weeks of 9 March (12 March is
    // excluded) and 23 March, at 09:00 EST (14:00Z) before 8 March and 09:00 EDT (13:00Z) after.
    expect(expanded.changes.map((change) => [change.id, change.startsAt, change.endsAt])).toEqual([
      ['cal:cab@test:2026-02-23T09:00:00', '2026-02-23T14:00:00.000Z', '2026-02-23T15:00:00.000Z'],
      ['cal:cab@test:2026-02-26T09:00:00', '2026-02-26T14:00:00.000Z', '2026-02-26T15:00:00.000Z'],
      ['cal:cab@test:2026-03-09T09:00:00', '2026-03-09T13:00:00.000Z', '2026-03-09T14:00:00.000Z'],
      ['cal:cab@test:2026-03-23T09:00:00', '2026-03-23T13:00:00.000Z', '2026-03-23T14:00:00.000Z'],
    ]);
  });

  it('stops a series at the same step with the same last slot', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:old@test',
      'DTSTAMP:20250101T000000Z',
      'DTSTART:18500101T090000Z',
      'RRULE:FREQ=DAILY;COUNT=100000',
      'SUMMARY:[old] daily since 1850',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const fromMs = Date.parse('2026-12-01T00:00:00Z');
    const run = (how: ExpandHow) => {
      try {
        expandCalendar(
          parseCalendar(text, 'test'),
          'test',
          { sourceId: 'cal', mapping: MAPPING, fromMs, toMs: fromMs + DAY },
          { changes: [], freezes: [] },
          how,
        );
      } catch (error) {
        return { message: String(error), reachedMs: (error as { reachedMs?: number }).reachedMs };
      }
      return undefined;
    };
    const fast = run({});
    expect(fast?.message).toMatch(/repeats more than 50000 times/);
    expect(fast?.reachedMs).toBe(Date.parse('1850-01-01T09:00:00Z') + 49_999 * DAY);
    expect(fast).toEqual(run({ icalOnly: true }));
  });
});
