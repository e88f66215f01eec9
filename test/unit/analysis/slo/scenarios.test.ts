import { describe, expect, it } from 'vitest';
import {
  intervalsFromSamples,
  roundToUnit,
  scenarioNumbers,
  unionOf,
} from '../../../../src/analysis/slo/scenarios.js';

const MIN = 60_000;
const span = (start: number, end: number) => ({ startMs: start * MIN, endMs: end * MIN });

describe('GOC scenario numbers', () => {
  it.each([
    ['disjoint', [span(0, 10), span(20, 30)], [span(0, 10), span(20, 30)]],
    ['overlapping once', [span(0, 10), span(5, 15)], [span(0, 15)]],
    ['nested', [span(0, 30), span(5, 10)], [span(0, 30)]],
    ['touching', [span(0, 10), span(10, 20)], [span(0, 20)]],
    ['clipped to the window', [span(-10, 5), span(95, 120)], [span(0, 5), span(95, 100)]],
  ])('the union of %s intervals', (_, intervals, union) => {
    expect(unionOf(intervals, 0, 100 * MIN)).toEqual(union);
  });

  it('counts overlaps once, sums each alert for the breakdown, and gives MTTR and MTBF', () => {
    const numbers = scenarioNumbers(
      new Map([
        ['PaymentErrors', [span(10, 40), span(100, 110)]],
        ['PaymentLatency', [span(30, 50)]],
      ]),
      0,
      1000 * MIN,
      MIN,
    );
    // Unstable: 10–50 and 100–110 = 50 minutes of 1000.
    expect(numbers.unstableMs).toBe(50 * MIN);
    expect(numbers.availability).toBeCloseTo(0.95, 12);
    expect(numbers.breakdown).toEqual([
      { alert: 'PaymentErrors', ms: 40 * MIN },
      { alert: 'PaymentLatency', ms: 20 * MIN },
    ]);
    expect(numbers.mttrMs).toBe(25 * MIN);
    expect(numbers.mtbfMs).toBe(90 * MIN);
  });

  it('rounds blips out to the minimum unit', () => {
    expect(roundToUnit([{ startMs: 61_000, endMs: 75_000 }], MIN)).toEqual([span(1, 2)]);
  });

  it('joins range-query samples one step apart into intervals', () => {
    expect(intervalsFromSamples([0, MIN, 2 * MIN, 10 * MIN], MIN)).toEqual([span(0, 3), span(10, 11)]);
  });
});
