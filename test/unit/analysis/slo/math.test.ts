import { describe, expect, it } from 'vitest';
import {
  budgetRemaining,
  burnRate,
  errorBudget,
  errorRatio,
  timeToExhaustionMs,
} from '../../../../src/analysis/slo/budget.js';
import { burnState, trippingRules } from '../../../../src/analysis/slo/burn-state.js';
import { chunkRange, MAX_POINTS_PER_QUERY } from '../../../../src/analysis/slo/ranges.js';
import {
  calendarMonthStart,
  parsePromDuration,
  promDuration,
  retentionMs,
  windowLengthMs,
} from '../../../../src/analysis/slo/windows.js';
import { DEFAULT_BURN_FACTORS, objectiveFromPercent } from '../../../../src/domain/index.js';
import type { BurnRates } from '../../../../src/domain/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('error ratio, availability and budget', () => {
  it.each([
    // errors, total, objective → ratio, burn rate, remaining
    [1, 1000, 0.999, 0.001, 1, 0],
    [0, 1000, 0.999, 0, 0, 1],
    [5, 10_000, 0.999, 0.0005, 0.5, 0.5],
    [3, 1000, 0.999, 0.003, 3, -2],
    [144, 10_000, 0.999, 0.0144, 14.4, -13.4],
    [1, 100, 0.99, 0.01, 1, 0],
    [25, 100_000, 0.9995, 0.00025, 0.5, 0.5],
  ])(
    '%d errors of %d at %d: ratio %d, burn %d, remaining %d',
    (errors, total, objective, ratio, rate, remaining) => {
      const measured = errorRatio(errors, total);
      expect(measured).toBeCloseTo(ratio, 12);
      expect(1 - (measured ?? NaN)).toBeCloseTo(1 - ratio, 12);
      expect(burnRate(measured ?? NaN, objective)).toBeCloseTo(rate, 9);
      expect(budgetRemaining(measured ?? NaN, objective)).toBeCloseTo(remaining, 9);
    },
  );

  it.each([
    [0, 0],
    [5, 0],
    [Number.NaN, 100],
    [1, Number.POSITIVE_INFINITY],
  ])('has no ratio for %d errors of %d events (no data is not 100 %%)', (errors, total) => {
    expect(errorRatio(errors, total)).toBeUndefined();
  });

  it('clamps a ratio above 1 (a counter reset between the two queries)', () => {
    expect(errorRatio(12, 10)).toBe(1);
  });

  it.each([
    [0.999, 0.001],
    [0.9995, 0.0005],
    [0.95, 0.05],
  ])('budget of objective %d is %d', (objective, budget) => {
    expect(errorBudget(objective)).toBeCloseTo(budget, 12);
  });

  it.each([
    [99.9, 0.999],
    [99.95, 0.9995],
    [95, 0.95],
    [100, undefined],
    [0, undefined],
    [-1, undefined],
  ])('objective %d %% is the ratio %s', (percent, ratio) => {
    expect(objectiveFromPercent(percent)).toBe(ratio);
  });
});

describe('time to exhaustion', () => {
  it.each([
    // remaining, 1h burn rate, window → ms until the budget is gone
    [1, 1, 30 * DAY, 30 * DAY],
    [0.5, 1, 30 * DAY, 15 * DAY],
    [1, 14.4, 30 * DAY, (30 * DAY) / 14.4],
    [0.25, 2, 28 * DAY, 3.5 * DAY],
    [-0.5, 3, 30 * DAY, 0],
    [0, 3, 30 * DAY, 0],
  ])('remaining %d at burn %d over %d ms runs out in %d ms', (remaining, rate, windowMs, expected) => {
    expect(timeToExhaustionMs(remaining, rate, windowMs)).toBeCloseTo(expected, 3);
  });

  it('never runs out when nothing burns', () => {
    expect(timeToExhaustionMs(0.4, 0, 30 * DAY)).toBeUndefined();
  });
});

function rates(values: Partial<BurnRates>): BurnRates {
  return { '5m': 0, '30m': 0, '1h': 0, '2h': 0, '6h': 0, '1d': 0, '3d': 0, ...values };
}

describe('multi-window multi-burn-rate state', () => {
  it.each([
    ['nothing burning', rates({}), [], 'ok'],
    ['1h and 5m above 14.4', rates({ '1h': 15, '5m': 20 }), ['page-fast'], 'page'],
    ['1h above 14.4 but 5m calm (the spike is over)', rates({ '1h': 15, '5m': 2 }), [], 'ok'],
    ['5m above 14.4 but 1h below', rates({ '1h': 14.4, '5m': 50 }), [], 'ok'],
    ['6h and 30m above 6', rates({ '6h': 6.5, '30m': 7 }), ['page-slow'], 'page'],
    ['1d and 2h above 3', rates({ '1d': 3.1, '2h': 4 }), ['ticket-fast'], 'ticket'],
    ['3d and 6h above 1', rates({ '3d': 1.2, '6h': 1.5 }), ['ticket-slow'], 'ticket'],
    [
      'a page and a ticket rule',
      rates({ '1h': 20, '5m': 20, '3d': 2, '6h': 2 }),
      ['page-fast', 'ticket-slow'],
      'page',
    ],
    ['a window without numbers never trips', rates({ '1h': 20, '5m': null }), [], 'ok'],
  ] as const)('%s', (_, burnRates, tripping, state) => {
    const found = trippingRules(burnRates, DEFAULT_BURN_FACTORS);
    expect(found).toEqual(tripping);
    expect(burnState(found)).toBe(state);
  });

  it('uses the configured factors', () => {
    const strict = { ...DEFAULT_BURN_FACTORS, pageFast: 2 };
    expect(trippingRules(rates({ '1h': 3, '5m': 3 }), strict)).toEqual(['page-fast']);
    expect(trippingRules(rates({ '1h': 3, '5m': 3 }), DEFAULT_BURN_FACTORS)).toEqual([]);
  });
});

describe('windows', () => {
  it.each([
    // now (UTC), zone → month start (UTC)
    ['2026-12-02T14:00:00Z', 'Asia/Shanghai', '2026-11-30T16:00:00.000Z'],
    ['2026-11-30T16:30:00Z', 'Asia/Shanghai', '2026-11-30T16:00:00.000Z'],
    ['2026-11-30T15:59:59Z', 'Asia/Shanghai', '2026-10-31T16:00:00.000Z'],
    ['2026-12-02T14:00:00Z', 'UTC', '2026-12-01T00:00:00.000Z'],
    ['2026-03-15T12:00:00Z', 'Europe/Berlin', '2026-02-28T23:00:00.000Z'],
    ['2026-04-15T12:00:00Z', 'Europe/Berlin', '2026-03-31T22:00:00.000Z'],
    ['2026-11-15T12:00:00Z', 'America/New_York', '2026-11-01T04:00:00.000Z'],
  ])('at %s the calendar month in %s began at %s', (now, zone, start) => {
    expect(new Date(calendarMonthStart(Date.parse(now), zone)).toISOString()).toBe(start);
  });

  it.each([
    ['2026-02-10T00:00:00Z', 'UTC', 28 * DAY],
    ['2026-12-10T00:00:00Z', 'Asia/Shanghai', 31 * DAY],
    ['2026-03-10T00:00:00Z', 'Europe/Berlin', 31 * DAY - HOUR],
  ])('the month of %s in %s is %d ms long', (now, zone, length) => {
    expect(windowLengthMs({ kind: 'calendar', period: 'month', timeZone: zone }, Date.parse(now))).toBe(
      length,
    );
  });

  it.each([
    [300_000, '5m'],
    [3_600_000, '1h'],
    [30 * DAY, '30d'],
    [90_000, '90s'],
    [DAY + 1000, '86401s'],
  ])('%d ms is the PromQL range %s', (ms, text) => {
    expect(promDuration(ms)).toBe(text);
  });

  it.each([
    ['2w', 14 * DAY],
    ['30d', 30 * DAY],
    ['1h30m', 1.5 * HOUR],
    ['1y', 365 * DAY],
    ['30x', undefined],
    ['', undefined],
  ])('the Prometheus duration %s is %s ms', (text, ms) => {
    expect(parsePromDuration(text)).toBe(ms);
  });

  it.each([
    ['15d', 15 * DAY],
    ['30d or 10GiB', 30 * DAY],
    ['10GiB', undefined],
  ])('storageRetention %s keeps %s ms', (text, ms) => {
    expect(retentionMs(text)).toBe(ms);
  });
});

describe('query_range chunks', () => {
  it.each([
    // range, step → chunks
    [0, 100 * 60_000, 60_000, 1],
    [0, 30 * DAY, 60_000, 4],
    [0, 30 * DAY, 300_000, 1],
  ])('from %d to %d at step %d is %d chunk(s), each under the limit', (start, end, step, count) => {
    const chunks = chunkRange(start, end, step);
    expect(chunks).toHaveLength(count);
    let points = 0;
    for (const chunk of chunks) {
      const inChunk = Math.floor((chunk.endMs - chunk.startMs) / step) + 1;
      expect(inChunk).toBeLessThanOrEqual(MAX_POINTS_PER_QUERY);
      points += inChunk;
    }
    // Every point once: no gap, no overlap.
    expect(points).toBe(Math.floor((end - start) / step) + 1);
    expect(chunks[0]?.startMs).toBe(start);
    expect(chunks.at(-1)?.endMs).toBe(end);
  });
});
