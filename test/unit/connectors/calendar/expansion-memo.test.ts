import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expandCalendar, parseCalendar } from '../../../../src/connectors/calendar/expand.js';
import type { Expanded, ExpandOptions } from '../../../../src/connectors/calendar/expand.js';
import { expandText, keepOnly } from '../../../../src/connectors/calendar/expansion-memo.js';
import type { ExpansionMemo } from '../../../../src/connectors/calendar/expansion-memo.js';
import {
  calendarMappingFields,
  normalizeCalendarMapping,
} from '../../../../src/connectors/calendar/mapping.js';

const OPS = readFileSync(new URL('../../../fixtures/calendars/ops.ics', import.meta.url), 'utf8');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const mapping = normalizeCalendarMapping(
  z.object(calendarMappingFields).parse({ timezone: 'Asia/Shanghai' }),
);

function windowAt(fromIso: string, days: number): ExpandOptions {
  const fromMs = Date.parse(fromIso);
  return { sourceId: 'ops', mapping, fromMs, toMs: fromMs + days * DAY };
}

function direct(text: string, options: ExpandOptions): Expanded {
  const into: Expanded = { changes: [], freezes: [] };
  expandCalendar(parseCalendar(text, 'ops.ics'), 'ops.ics', options, into);
  return into;
}

function polled(memo: ExpansionMemo, text: string, options: ExpandOptions): Expanded {
  const into: Expanded = { changes: [], freezes: [] };
  expandText(memo, text, 'ops.ics', options, into);
  return into;
}

describe('the expansion memo: a poll of an unchanged calendar is a cut of the last expansion', () => {
  it('answers exactly what a new expansion answers as the window moves over hours', () => {
    const memo: ExpansionMemo = new Map();
    const first = windowAt('2026-12-01T00:00:00Z', 10);
    expect(polled(memo, OPS, first)).toEqual(direct(OPS, first));
    const remembered = memo.get('ops.ics');
    // Every step crosses an occurrence edge of the train (20:00 and the moved 22:00 CST) somewhere.
    for (let hours = 1; hours <= 5; hours += 1) {
      const later = { ...first, fromMs: first.fromMs + hours * HOUR, toMs: first.toMs + hours * HOUR };
      const cut = polled(memo, OPS, later);
      expect(cut).toEqual(direct(OPS, later));
      expect(memo.get('ops.ics')).toBe(remembered);
    }
  });

  it('keeps an override out whose series slot lies past the window, even when it was moved into it', () => {
    // The 12-10 20:00 CST (12:00Z) train moved two hours earlier, to 10:00Z; the window ends at 11:00Z.
    const movedEarlier = OPS.replace(
      'DTSTART;TZID=Asia/Shanghai:20261210T220000',
      'DTSTART;TZID=Asia/Shanghai:20261210T180000',
    ).replace('DTEND;TZID=Asia/Shanghai:20261210T230000', 'DTEND;TZID=Asia/Shanghai:20261210T190000');
    const memo: ExpansionMemo = new Map();
    const wide = windowAt('2026-12-01T00:00:00Z', 12);
    expect(polled(memo, movedEarlier, wide).changes.some((change) => change.title.includes('moved'))).toBe(
      true,
    );
    const endsBeforeSlot = { ...wide, toMs: Date.parse('2026-12-10T11:00:00Z') };
    const cut = polled(memo, movedEarlier, endsBeforeSlot);
    expect(cut).toEqual(direct(movedEarlier, endsBeforeSlot));
    expect(cut.changes.some((change) => change.title.includes('moved'))).toBe(false);
  });

  it('expands again when the text changed, and forgets calendars no longer seen', () => {
    const memo: ExpansionMemo = new Map();
    const options = windowAt('2026-12-01T00:00:00Z', 10);
    polled(memo, OPS, options);
    const edited = OPS.replace('[checkout] release train', '[checkout] release train v2');
    const titles = polled(memo, edited, options).changes.map((change) => change.title);
    expect(titles).toContain('[checkout] release train v2');
    expect(titles).not.toContain('[checkout] release train');
    keepOnly(memo, new Set(['other.ics']));
    expect(memo.size).toBe(0);
  });

  it('expands again for a window that reaches past what it remembered', () => {
    const memo: ExpansionMemo = new Map();
    const options = windowAt('2026-12-01T00:00:00Z', 10);
    polled(memo, OPS, options);
    const remembered = memo.get('ops.ics');
    const weekLater = { ...options, fromMs: options.fromMs + 7 * DAY, toMs: options.toMs + 7 * DAY };
    expect(polled(memo, OPS, weekLater)).toEqual(direct(OPS, weekLater));
    expect(memo.get('ops.ics')).not.toBe(remembered);
  });
});
