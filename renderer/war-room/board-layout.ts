import type { Severity } from '../../src/domain/index.js';

/**
 * How the war-room board fits a screen: which services show, in which card form, and what is left
 * for the "+ N more" line. Pure: the board measures its box and the type size and asks this.
 *
 * Rules (each has a test in test/renderer/war-room/board-layout.test.ts):
 * - Services come worst first (the core's order). Every critical and high service shows whenever
 *   the screen can hold them in the densest form; lower severities fill what is left.
 * - Density adapts before anything is cut: full cards (up to 4 rules, then 3, 2, 1), then compact
 *   cards (name, count, age), then dense rows. The critical/high section and the rest may use
 *   different forms; the rest never uses a richer form than the critical/high section.
 * - Choice order: all critical/high shown; then the fewest services cut; then the richest form for
 *   critical/high; then the richest form for the rest.
 * - Nothing is half visible: a row that does not fit entirely is not shown, and the "+ N more"
 *   line's height is reserved whenever something is cut.
 */

export type CardForm = 'full' | 'compact' | 'dense';

/** A form with, for full cards, how many rule rows a card may show. */
export type FormChoice = Readonly<{ form: CardForm; rules: number }>;

/** What the layout needs to know of a service group. */
export type LayoutGroup = Readonly<{
  severity: Severity;
  /** Distinct rules in the group (a full card lists up to `rules` of them). */
  ruleCount: number;
  /** Acknowledged or silenced alerts: a full card then has a footer line. */
  handled: boolean;
  /** A storm's fold card: its summary may take two lines where a service card has one stats line. */
  fold?: boolean;
}>;

/** Sizes in em of the type size (`emPx`): the CSS of the board uses the same numbers (war-room.css). */
export const BOARD_EM = {
  padding: 0.8,
  header: 1.9,
  stats: 1.5,
  foldStats: 2.6,
  rule: 1.45,
  footer: 1.3,
  dense: 2,
  gap: 0.6,
  more: 2.2,
  cardMinWidth: 19,
  denseMinWidth: 17,
} as const;

const FORMS: readonly FormChoice[] = [
  { form: 'full', rules: 4 },
  { form: 'full', rules: 3 },
  { form: 'full', rules: 2 },
  { form: 'full', rules: 1 },
  { form: 'compact', rules: 0 },
  { form: 'dense', rules: 0 },
];

export type BoardSection = Readonly<{
  choice: FormChoice;
  columns: number;
  /** Index of the first group of this section in the board's list, and how many show. */
  start: number;
  count: number;
  /** Height in px of each grid row. */
  rowHeights: readonly number[];
}>;

export type BoardLayout = Readonly<{
  /** The critical/high section, then the rest (either may be empty). */
  sections: readonly BoardSection[];
  /** Groups shown, from the top of the list; the rest are summarised. */
  shown: number;
  /** Services not shown, by severity (all zero when everything fits). */
  hidden: Readonly<Record<Severity, number>>;
  /** False when even dense rows cannot hold every critical/high service (a tiny window). */
  mustShowFit: boolean;
  gapPx: number;
  moreHeightPx: number;
}>;

export type LayoutInput = Readonly<{
  width: number;
  height: number;
  /** The board's type size in px (its computed font-size). */
  emPx: number;
  /** Worst first, as the core orders them. */
  groups: readonly LayoutGroup[];
}>;

const MUST_SHOW: ReadonlySet<Severity> = new Set(['critical', 'high']);

const statsEm = (group: LayoutGroup) => (group.fold === true ? BOARD_EM.foldStats : BOARD_EM.stats);

function cardHeightEm(group: LayoutGroup, choice: FormChoice): number {
  switch (choice.form) {
    case 'dense':
      return BOARD_EM.dense;
    case 'compact':
      return BOARD_EM.padding + BOARD_EM.header + statsEm(group);
    case 'full': {
      const rules = Math.min(group.ruleCount, choice.rules);
      const footer = group.ruleCount > choice.rules || group.handled ? BOARD_EM.footer : 0;
      return BOARD_EM.padding + BOARD_EM.header + statsEm(group) + rules * BOARD_EM.rule + footer;
    }
  }
}

function columnsFor(width: number, emPx: number, choice: FormChoice): number {
  const min = (choice.form === 'dense' ? BOARD_EM.denseMinWidth : BOARD_EM.cardMinWidth) * emPx;
  const gap = BOARD_EM.gap * emPx;
  return Math.max(1, Math.floor((width + gap) / (min + gap)));
}

/** Places groups row by row until the next row would not fit in `budget` px. */
function place(
  groups: readonly LayoutGroup[],
  start: number,
  end: number,
  choice: FormChoice,
  width: number,
  emPx: number,
  budget: number,
): { section: BoardSection; used: number } {
  const columns = columnsFor(width, emPx, choice);
  const gap = BOARD_EM.gap * emPx;
  const rowHeights: number[] = [];
  let used = 0;
  let index = start;
  while (index < end) {
    const rowEnd = Math.min(end, index + columns);
    let rowHeight = 0;
    for (let i = index; i < rowEnd; i++) {
      rowHeight = Math.max(rowHeight, Math.ceil(cardHeightEm(groups[i]!, choice) * emPx));
    }
    const next = used + (rowHeights.length > 0 ? gap : 0) + rowHeight;
    if (next > budget) break;
    rowHeights.push(rowHeight);
    used = next;
    index = rowEnd;
  }
  return { section: { choice, columns, start, count: index - start, rowHeights }, used };
}

type Candidate = Readonly<{ layout: BoardLayout; formA: number; formB: number }>;

function countHidden(groups: readonly LayoutGroup[], shown: number): Record<Severity, number> {
  const hidden: Record<Severity, number> = { critical: 0, high: 0, warning: 0, info: 0 };
  for (let i = shown; i < groups.length; i++) hidden[groups[i]!.severity]++;
  return hidden;
}

function tryForms(
  input: LayoutInput,
  mustCount: number,
  formA: number,
  formB: number,
  reserveMore: boolean,
): BoardLayout {
  const { groups, width, emPx } = input;
  const gapPx = BOARD_EM.gap * emPx;
  const moreHeightPx = Math.ceil(BOARD_EM.more * emPx);
  const budget = Math.max(0, input.height - (reserveMore ? moreHeightPx + gapPx : 0));
  const a = place(groups, 0, mustCount, FORMS[formA]!, width, emPx, budget);
  const sections: BoardSection[] = [a.section];
  let shown = a.section.count;
  if (shown === mustCount && mustCount < groups.length) {
    const rest = budget - a.used - (a.used > 0 ? gapPx : 0);
    const b = place(groups, mustCount, groups.length, FORMS[formB]!, width, emPx, rest);
    sections.push(b.section);
    shown += b.section.count;
  }
  return {
    sections: sections.filter((section) => section.count > 0),
    shown,
    hidden: countHidden(groups, shown),
    mustShowFit: shown >= mustCount,
    gapPx,
    moreHeightPx,
  };
}

export function layoutBoard(input: LayoutInput): BoardLayout {
  const { groups } = input;
  let mustCount = 0;
  while (mustCount < groups.length && MUST_SHOW.has(groups[mustCount]!.severity)) mustCount++;

  let best: Candidate | undefined;
  for (let formA = 0; formA < FORMS.length; formA++) {
    for (let formB = formA; formB < FORMS.length; formB++) {
      // First as if everything fits; if it does not, again with the "+ N more" line reserved.
      let layout = tryForms(input, mustCount, formA, formB, false);
      if (layout.shown < groups.length) layout = tryForms(input, mustCount, formA, formB, true);
      const candidate: Candidate = { layout, formA, formB };
      if (best === undefined || better(candidate, best)) best = candidate;
      // The rest needs no denser form once everything shows.
      if (layout.shown === groups.length) break;
    }
  }
  return best!.layout;
}

/** Critical/high all shown, then fewest cut, then the richest form above, then below. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.layout.mustShowFit !== b.layout.mustShowFit) return a.layout.mustShowFit;
  if (a.layout.shown !== b.layout.shown) return a.layout.shown > b.layout.shown;
  if (a.formA !== b.formA) return a.formA < b.formA;
  return a.formB < b.formB;
}

/** Larger type the board may take when it has room: a quiet board reads from further away. */
const ZOOMS = [1.75, 1.5, 1.25] as const;

const formRank = (layout: BoardLayout) =>
  layout.sections.map((section) => FORMS.findIndex((form) => form === section.choice));

/**
 * `layoutBoard` at the largest zoom that shows the same services in forms at least as rich as at
 * 1×: a board of 8 services on a wall fills it instead of using a third of it. The zoom multiplies
 * the board's type size (the caller sets `font-size: <zoom>em` on it).
 */
export function fitBoard(input: LayoutInput): Readonly<{ layout: BoardLayout; zoom: number }> {
  const base = layoutBoard(input);
  const baseRank = formRank(base);
  for (const zoom of ZOOMS) {
    const layout = layoutBoard({ ...input, emPx: input.emPx * zoom });
    const rank = formRank(layout);
    const asRich = rank.length === baseRank.length && rank.every((one, i) => one <= baseRank[i]!);
    if (layout.shown === base.shown && layout.mustShowFit === base.mustShowFit && asRich) {
      return { layout, zoom };
    }
  }
  return { layout: base, zoom: 1 };
}
