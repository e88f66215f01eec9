/**
 * The change calendar: expanding a year-old calendar of 200 recurring series over a 30-day window
 * (the first poll, or a poll after the calendar changed), polling it again unchanged a minute later
 * (through the connectors' expansion memo), and "what changed" for one alert with 10 000 changes cached.
 */
import { z } from 'zod';
import { createChangeHandlers } from '../../src/api/impl/changes.js';
import { openCache } from '../../src/cache/index.js';
import { expandCalendar, parseCalendar } from '../../src/connectors/calendar/expand.js';
import type { Expanded } from '../../src/connectors/calendar/expand.js';
import { expandText } from '../../src/connectors/calendar/expansion-memo.js';
import type { ExpansionMemo } from '../../src/connectors/calendar/expansion-memo.js';
import { calendarMappingFields, normalizeCalendarMapping } from '../../src/connectors/calendar/mapping.js';
import type { ChangeRecord, SourceStatus } from '../../src/domain/index.js';
import { systemClock } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { makeTempDir, median } from './support.js';
import type { BenchContext } from './support.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T06:00:00Z');
const FREQUENCIES = [
  'FREQ=DAILY',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=WEEKLY;BYDAY=TU,TH',
  'FREQ=DAILY;INTERVAL=2',
];

/** 200 series that started a year ago, in Asia/Shanghai, some with EXDATEs. */
function yearOfSeries(): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN'];
  lines.push(
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
  );
  lines.push('DTSTART:19700101T000000', 'END:STANDARD', 'END:VTIMEZONE');
  for (let index = 0; index < 200; index += 1) {
    const hour = String(8 + (index % 12)).padStart(2, '0');
    lines.push(
      'BEGIN:VEVENT',
      `UID:series-${index}@bench`,
      'DTSTAMP:20251201T000000Z',
      `DTSTART;TZID=Asia/Shanghai:20251201T${hour}0000`,
      `DTEND;TZID=Asia/Shanghai:20251201T${hour}3000`,
      `RRULE:${FREQUENCIES[index % FREQUENCIES.length] ?? 'FREQ=DAILY'}`,
      ...(index % 3 === 0 ? ['EXDATE;TZID=Asia/Shanghai:20261203T' + hour + '0000'] : []),
      `SUMMARY:[svc-${index % 40}] series ${index}`,
      'CATEGORIES:RELEASE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

const MAPPING = normalizeCalendarMapping(
  z.object(calendarMappingFields).parse({ timezone: 'Asia/Shanghai' }),
);

function windowAt(nowMs: number) {
  return { sourceId: 'bench', mapping: MAPPING, fromMs: nowMs - 15 * DAY, toMs: nowMs + 15 * DAY };
}

function expandOnce(text: string, nowMs = NOW): number {
  const expanded: Expanded = { changes: [], freezes: [] };
  expandCalendar(parseCalendar(text, 'bench'), 'bench', windowAt(nowMs), expanded);
  return expanded.changes.length;
}

/** One poll of the calendar through the memo the connectors keep, its window `minutes` later. */
function pollOnce(memo: ExpansionMemo, text: string, minutes: number): number {
  const expanded: Expanded = { changes: [], freezes: [] };
  expandText(memo, text, 'bench', windowAt(NOW + minutes * 60_000), expanded);
  return expanded.changes.length;
}

function changeAt(index: number): ChangeRecord {
  // Spread evenly over the last 30 days, so the 4 h before the alert holds a realistic share.
  const startsAt = NOW - Math.floor((index * 30 * DAY) / 10_000);
  return {
    id: `bench:${index}`,
    sourceId: 'bench',
    title: `deploy ${index}`,
    description: '',
    kind: 'release',
    services: [`svc-${index % 50}`],
    environment: 'prod',
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 10 * 60_000).toISOString(),
    status: 'done',
  };
}

/** The changes group. */
export async function runChanges(ctx: BenchContext): Promise<void> {
  const text = yearOfSeries();
  const reps = ctx.quick ? 5 : 20;
  const samples: number[] = [];
  let occurrences = 0;
  for (let rep = 0; rep < reps + 2; rep += 1) {
    const start = performance.now();
    occurrences = expandOnce(text);
    if (rep >= 2) samples.push(performance.now() - start);
  }
  ctx.log(`expanded 200 series into ${occurrences} occurrences over 30 days`);
  ctx.record('changes_expand_ms', median(samples), 'ms');

  // A poll a minute after the last, the calendar unchanged: the memo cuts the last expansion.
  const memo: ExpansionMemo = new Map();
  pollOnce(memo, text, 0);
  const polls: number[] = [];
  for (let rep = 1; rep <= (ctx.quick ? 20 : 100); rep += 1) {
    const start = performance.now();
    const polled = pollOnce(memo, text, rep);
    polls.push(performance.now() - start);
    const expected = rep === 1 ? expandOnce(text, NOW + 60_000) : polled;
    if (polled !== expected) {
      throw new Error(`the memo's poll placed ${polled} occurrences, an expansion ${expected}`);
    }
  }
  ctx.record('changes_poll_unchanged_ms', median(polls), 'ms');

  const temp = makeTempDir('cockpit-bench-changes-');
  const { cache } = openCache(temp.dir, { logger: silentLogger });
  try {
    const status: SourceStatus = {
      sourceId: 'bench',
      state: 'ok',
      consecutiveFailures: 0,
      itemCount: 10_000,
    };
    cache.applyPoll(status, {
      changes: {
        sourceId: 'bench',
        takenAt: new Date(NOW).toISOString(),
        from: new Date(NOW - 31 * DAY).toISOString(),
        to: new Date(NOW + DAY).toISOString(),
        changes: Array.from({ length: 10_000 }, (_, index) => changeAt(index)),
        freezes: [],
      },
    });
    const alert = { id: 'am:1', service: 'svc-7', startsAt: new Date(NOW - 2 * DAY).toISOString() };
    const handlers = createChangeHandlers({
      changeReads: cache.changes,
      alerts: { getAlert: () => alert as never },
      freezeRules: [],
      clock: { ...systemClock, now: () => NOW },
    });
    const timings: number[] = [];
    for (let rep = 0; rep < (ctx.quick ? 20 : 100) + 5; rep += 1) {
      const start = performance.now();
      await handlers.getAlertChanges({ id: alert.id, lookBackMinutes: 240 });
      if (rep >= 5) timings.push(performance.now() - start);
    }
    ctx.record('alert_changes_ms', median(timings), 'ms');
  } finally {
    cache.close();
    temp.cleanup();
  }
}
