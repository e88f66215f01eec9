import { describe, expect, it } from 'vitest';
import { backoffDelay, nextIntervalDelay, sourceCapMs } from '../../../src/poller/backoff.js';

const options = { baseMs: 15_000, capMs: 120_000, floorMs: 15_000 };

describe('backoffDelay', () => {
  it('doubles the window per failure up to the cap (upper bound with random → 1)', () => {
    const almostOne = () => 0.999999;
    const schedule = [1, 2, 3, 4, 5, 6, 10].map((failures) =>
      Math.round(backoffDelay(failures, options, almostOne) / 1000),
    );
    expect(schedule).toEqual([15, 30, 60, 120, 120, 120, 120]);
  });

  it('draws uniformly inside the window (full jitter) but never below the floor', () => {
    expect(backoffDelay(4, options, () => 0.5)).toBe(60_000);
    expect(backoffDelay(4, options, () => 0)).toBe(15_000);
  });

  it('never retries before the server’s Retry-After, and caps absurd ones at an hour', () => {
    expect(backoffDelay(1, options, () => 0, 90_000)).toBe(90_000);
    expect(backoffDelay(1, options, () => 0, 99 * 3_600_000)).toBe(3_600_000);
  });

  it('costs about one request a minute once at the cap', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const total = Array.from({ length: 1000 }, () => backoffDelay(20, options, random)).reduce(
      (a, b) => a + b,
      0,
    );
    const mean = total / 1000;
    expect(mean).toBeGreaterThan(50_000);
    expect(mean).toBeLessThan(70_000);
  });
});

describe('nextIntervalDelay', () => {
  it('spreads polls by ±10 %', () => {
    expect(nextIntervalDelay(15_000, () => 0)).toBe(13_500);
    expect(nextIntervalDelay(15_000, () => 1)).toBe(16_500);
  });
});

describe('sourceCapMs', () => {
  it('caps a fast source at eight intervals (at least 10 s) and a slow one at the global cap', () => {
    expect(sourceCapMs(1_000, 120_000)).toBe(10_000);
    expect(sourceCapMs(5_000, 120_000)).toBe(40_000);
    expect(sourceCapMs(15_000, 120_000)).toBe(120_000);
    expect(sourceCapMs(60_000, 120_000)).toBe(120_000);
    // An interval beyond the cap is never shortened by backoff.
    expect(sourceCapMs(300_000, 120_000)).toBe(300_000);
    // A test's tiny cap still wins.
    expect(sourceCapMs(20, 20)).toBe(20);
  });
});
