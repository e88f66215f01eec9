/**
 * The last expansion of each calendar text of a source, so a poll of an unchanged calendar is a cut
 * of what the previous poll expanded instead of a new ical.js expansion (the dearest step of a poll).
 *
 * Rules: an entry is reused only for the same text, source and mapping object (a config reload makes
 * a new mapping), and only when the new window lies inside the one it was expanded over; it is
 * expanded `MEMO_AHEAD_MS` further ahead than asked, because the window moves forward with the clock.
 * The cut keeps what the poll's own window would keep: the same end/start test and the series slot
 * before the window's end, in the same order, and the same occurrence limit over everything `into`
 * holds. A wider expansion that fails is retried over the poll's own window, whose answer counts
 * (unless the error shows that window fails the same way).
 */
import { CalendarError, expandCalendar, MAX_OCCURRENCES, parseCalendar } from './expand.js';
import type { Bounds, Expanded, ExpandOptions } from './expand.js';
import type { CalendarMapping } from './mapping.js';

/** How far past the window an expansion reaches, so the polls of the next hours are cuts. */
export const MEMO_AHEAD_MS = 6 * 3_600_000;

type Entry = Readonly<{
  text: string;
  sourceId: string;
  mapping: CalendarMapping;
  fromMs: number;
  toMs: number;
  expanded: Required<Expanded>;
}>;

/** Remembered expansions by where the text came from (a file, a URL, a CalDAV href). */
export type ExpansionMemo = Map<string, Entry>;

function tooMany(what: string): CalendarError {
  return new CalendarError(
    `${what} expands to more than ${MAX_OCCURRENCES} occurrences in the window; shorten window: (past/ahead) or split the calendar`,
  );
}

function inWindow(bounds: Bounds | undefined, options: ExpandOptions): boolean {
  if (bounds === undefined) return false;
  return bounds.endMs >= options.fromMs && bounds.startMs < options.toMs && bounds.slotMs < options.toMs;
}

function appendCut(from: Required<Expanded>, what: string, options: ExpandOptions, into: Expanded): void {
  const cut = <T>(records: readonly T[], bounds: readonly Bounds[], target: T[]) => {
    records.forEach((record, index) => {
      if (!inWindow(bounds[index], options)) return;
      if (into.changes.length + into.freezes.length >= MAX_OCCURRENCES) throw tooMany(what);
      target.push(record);
    });
  };
  cut(from.changes, from.bounds.changes, into.changes);
  cut(from.freezes, from.bounds.freezes, into.freezes);
}

/**
 * Parses and expands one calendar text over `options`' window into `into`, or cuts the remembered
 * wider expansion of the same text. Throws CalendarError like `parseCalendar`/`expandCalendar`.
 */
export function expandText(
  memo: ExpansionMemo,
  text: string,
  what: string,
  options: ExpandOptions,
  into: Expanded,
): void {
  const known = memo.get(what);
  if (
    known !== undefined &&
    known.text === text &&
    known.sourceId === options.sourceId &&
    known.mapping === options.mapping &&
    known.fromMs <= options.fromMs &&
    options.toMs <= known.toMs
  ) {
    appendCut(known.expanded, what, options, into);
    return;
  }
  memo.delete(what);
  const calendar = parseCalendar(text, what);
  const wide: Required<Expanded> = { changes: [], freezes: [], bounds: { changes: [], freezes: [] } };
  const toMs = options.toMs + MEMO_AHEAD_MS;
  try {
    expandCalendar(calendar, what, { ...options, toMs }, wide);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    // A series that hit the step limit before the poll's own window ended fails there too.
    if (error.reachedMs !== undefined && error.reachedMs < options.toMs) throw error;
    expandCalendar(calendar, what, options, into);
    return;
  }
  memo.set(what, {
    text,
    sourceId: options.sourceId,
    mapping: options.mapping,
    fromMs: options.fromMs,
    toMs,
    expanded: wide,
  });
  appendCut(wide, what, options, into);
}

/** Forgets the texts a poll no longer saw (a deleted CalDAV event, a renamed file). */
export function keepOnly(memo: ExpansionMemo, seen: ReadonlySet<string>): void {
  for (const what of memo.keys()) if (!seen.has(what)) memo.delete(what);
}
