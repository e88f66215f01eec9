import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../src/domain/index.js';
import { BOARD_EM, fitBoard, layoutBoard } from '../../../renderer/war-room/board-layout';
import type { BoardLayout, LayoutGroup } from '../../../renderer/war-room/board-layout';

function groups(counts: Partial<Record<Severity, number>>, ruleCount = 3): LayoutGroup[] {
  return (['critical', 'high', 'warning', 'info'] as const).flatMap((severity) =>
    Array.from({ length: counts[severity] ?? 0 }, () => ({ severity, ruleCount, handled: false })),
  );
}

/** The board box each screen leaves (header, strip and chart taken off), and its type size. */
const SCREENS = {
  '1280x720': { width: 1250, height: 400, emPx: 12 },
  '1920x1080': { width: 1888, height: 640, emPx: 16 },
  '3840x2160': { width: 3776, height: 1280, emPx: 32 },
  '1080x1920': { width: 1048, height: 1300, emPx: 16 },
} as const;

const forms = (layout: BoardLayout) => layout.sections.map((section) => section.choice);
const usedHeight = (layout: BoardLayout) =>
  layout.sections.reduce(
    (sum, section, index) =>
      sum +
      (index > 0 ? layout.gapPx : 0) +
      section.rowHeights.reduce((rows, height) => rows + height, 0) +
      layout.gapPx * (section.rowHeights.length - 1),
    0,
  );

describe('layoutBoard', () => {
  it('shows a small board in full cards with every rule row', () => {
    const layout = layoutBoard({ ...SCREENS['1920x1080'], groups: groups({ critical: 2, warning: 6 }) });
    expect(layout.shown).toBe(8);
    expect(forms(layout)).toEqual([
      { form: 'full', rules: 4 },
      { form: 'full', rules: 4 },
    ]);
    expect(layout.hidden).toEqual({ critical: 0, high: 0, warning: 0, info: 0 });
  });

  it.each(Object.entries(SCREENS))(
    'fits 60 services (8 critical, 10 high, 42 warning/info) at %s: every critical/high shows, nothing overflows, the rest is counted',
    (_name, screen) => {
      const list = groups({ critical: 8, high: 10, warning: 30, info: 12 });
      const layout = layoutBoard({ ...screen, groups: list });
      expect(layout.mustShowFit).toBe(true);
      expect(layout.shown).toBeGreaterThanOrEqual(18);
      const hidden = Object.values(layout.hidden).reduce((sum, count) => sum + count, 0);
      expect(layout.shown + hidden).toBe(60);
      expect(layout.hidden.critical + layout.hidden.high).toBe(0);
      const reserve = hidden > 0 ? layout.moreHeightPx + layout.gapPx : 0;
      expect(usedHeight(layout) + reserve).toBeLessThanOrEqual(screen.height);
      // Sections cover exactly the shown prefix, in order.
      expect(layout.sections.map((section) => [section.start, section.count])).toEqual(
        layout.sections.length === 2
          ? [
              [0, 18],
              [18, layout.shown - 18],
            ]
          : [[0, layout.shown]],
      );
    },
  );

  it('goes denser before cutting anything: compact or dense instead of "+ N more"', () => {
    const layout = layoutBoard({ ...SCREENS['1920x1080'], groups: groups({ high: 4, warning: 40 }) });
    expect(layout.shown).toBe(44);
    expect(forms(layout).at(-1)?.form).not.toBe('full');
  });

  it('never gives the rest a richer form than critical/high', () => {
    for (const screen of Object.values(SCREENS)) {
      const layout = layoutBoard({ ...screen, groups: groups({ critical: 12, warning: 300 }) });
      const [top, rest] = layout.sections;
      const rank = (form: string) => ['full', 'compact', 'dense'].indexOf(form);
      if (top && rest) {
        expect(rank(rest.choice.form) > rank(top.choice.form) || rest.choice.rules <= top.choice.rules).toBe(
          true,
        );
      }
    }
  });

  it('counts what does not fit by severity, and reserves the line that says so', () => {
    const layout = layoutBoard({
      ...SCREENS['1280x720'],
      groups: groups({ critical: 3, warning: 500, info: 200 }),
    });
    expect(layout.shown).toBeLessThan(703);
    expect(layout.hidden.critical).toBe(0);
    expect(layout.hidden.warning + layout.hidden.info).toBe(703 - layout.shown);
    expect(usedHeight(layout) + layout.moreHeightPx + layout.gapPx).toBeLessThanOrEqual(400);
  });

  it('scales with the type size: a 4K wall shows the same layout as 1080p, twice the size', () => {
    const list = groups({ critical: 5, high: 5, warning: 20 });
    const hd = layoutBoard({ ...SCREENS['1920x1080'], groups: list });
    const uhd = layoutBoard({ ...SCREENS['3840x2160'], groups: list });
    expect(forms(uhd)).toEqual(forms(hd));
    expect(uhd.shown).toBe(hd.shown);
    expect(uhd.sections[0]!.rowHeights[0]).toBe(2 * hd.sections[0]!.rowHeights[0]!);
  });

  it('sizes a full card to its rules: a one-rule row is shorter than a four-rule row', () => {
    const layout = layoutBoard({
      width: 200,
      height: 2000,
      emPx: 10,
      groups: [
        { severity: 'critical', ruleCount: 1, handled: false },
        { severity: 'critical', ruleCount: 4, handled: false },
      ],
    });
    const [one, four] = layout.sections[0]!.rowHeights;
    expect(one).toBe(Math.ceil((BOARD_EM.padding + BOARD_EM.header + BOARD_EM.stats + BOARD_EM.rule) * 10));
    expect(four).toBe(
      Math.ceil((BOARD_EM.padding + BOARD_EM.header + BOARD_EM.stats + 4 * BOARD_EM.rule) * 10),
    );
  });

  it("gives a storm's fold card a two-line summary where a service card has one stats line", () => {
    const layout = layoutBoard({
      width: 200,
      height: 2000,
      emPx: 10,
      groups: [
        { severity: 'critical', ruleCount: 2, handled: false },
        { severity: 'critical', ruleCount: 2, handled: false, fold: true },
      ],
    });
    const [service, fold] = layout.sections[0]!.rowHeights;
    expect(service).toBe(
      Math.ceil((BOARD_EM.padding + BOARD_EM.header + BOARD_EM.stats + 2 * BOARD_EM.rule) * 10),
    );
    expect(fold).toBe(
      Math.ceil((BOARD_EM.padding + BOARD_EM.header + BOARD_EM.foldStats + 2 * BOARD_EM.rule) * 10),
    );
  });

  it('on a window too small for every critical service, shows as many as fit densely and counts the rest', () => {
    const layout = layoutBoard({ width: 300, height: 100, emPx: 12, groups: groups({ critical: 20 }) });
    expect(layout.mustShowFit).toBe(false);
    expect(forms(layout)).toEqual([{ form: 'dense', rules: 0 }]);
    expect(layout.hidden.critical).toBe(20 - layout.shown);
  });
});

describe('fitBoard', () => {
  it('zooms a quiet board to fill the wall, keeping every service and its rules', () => {
    const list = groups({ critical: 1, high: 2, warning: 3 });
    const { layout, zoom } = fitBoard({ ...SCREENS['3840x2160'], groups: list });
    expect(zoom).toBeGreaterThan(1);
    expect(layout.shown).toBe(6);
    expect(layout.sections.every((section) => section.choice.form === 'full')).toBe(true);
    expect(usedHeight(layout)).toBeLessThanOrEqual(SCREENS['3840x2160'].height);
  });

  it('keeps 1× when a larger type would cut a service or drop rule rows', () => {
    const list = groups({ critical: 8, high: 10, warning: 30, info: 12 });
    const base = layoutBoard({ ...SCREENS['1920x1080'], groups: list });
    const { layout, zoom } = fitBoard({ ...SCREENS['1920x1080'], groups: list });
    expect(layout.shown).toBe(base.shown);
    if (zoom === 1) expect(layout).toEqual(base);
  });
});
