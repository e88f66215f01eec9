import { describe, expect, it } from 'vitest';
import { allStale, sourceFreshness, worstSource } from '../../../renderer/war-room/freshness';
import { makeSource } from '../support/fixtures';

const NOW = Date.parse('2026-03-10T14:30:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('source freshness', () => {
  it.each([
    [15_000, 10, 'fresh'],
    [15_000, 55, 'fresh'],
    [15_000, 56, 'amber'],
    [15_000, 180, 'amber'],
    [15_000, 181, 'red'],
    [300_000, 600, 'fresh'],
    [300_000, 1000, 'amber'],
    [1_000, 14, 'amber'],
    [1_000, 41, 'red'],
  ] as const)('a %i ms source with data %i s old is %s', (intervalMs, seconds, freshness) => {
    expect(sourceFreshness(makeSource({ intervalMs, lastSuccessAt: ago(seconds) }), NOW)).toMatchObject({
      freshness,
      ageMs: seconds * 1000,
    });
  });

  it('is at least amber while the last poll failed, even with recent data', () => {
    const source = makeSource({ state: 'stale', lastSuccessAt: ago(5) });
    expect(sourceFreshness(source, NOW).freshness).toBe('amber');
  });

  it('tells a source still waiting for its first poll from one that never answered', () => {
    const waiting = makeSource({ state: 'pending', lastSuccessAt: undefined });
    const never = makeSource({ state: 'error', lastSuccessAt: undefined });
    expect(sourceFreshness(waiting, NOW)).toEqual({ source: waiting, freshness: 'waiting' });
    expect(sourceFreshness(never, NOW)).toEqual({ source: never, freshness: 'never' });
  });
});

describe('the header follows the oldest data, not the freshest', () => {
  it('names the source with the oldest data', () => {
    const fresh = makeSource({ id: 'a', name: 'Fresh', lastSuccessAt: ago(2) });
    const old = makeSource({ id: 'b', name: 'Old', state: 'stale', lastSuccessAt: ago(95) });
    expect(worstSource([fresh, old], NOW)).toMatchObject({
      source: { name: 'Old' },
      freshness: 'amber',
      ageMs: 95_000,
    });
  });

  it('puts a source that never answered above any age', () => {
    const old = makeSource({ id: 'b', name: 'Old', state: 'stale', lastSuccessAt: ago(500) });
    const never = makeSource({ id: 'c', name: 'Never', state: 'error', lastSuccessAt: undefined });
    expect(worstSource([old, never], NOW)?.source.name).toBe('Never');
  });

  it('raises the overlay only when no source has usable data', () => {
    const red = makeSource({ id: 'a', state: 'stale', lastSuccessAt: ago(400) });
    const never = makeSource({ id: 'b', state: 'error', lastSuccessAt: undefined });
    const fresh = makeSource({ id: 'c', lastSuccessAt: ago(1) });
    expect(allStale([red, never], NOW)).toBe(true);
    expect(allStale([red, never, fresh], NOW)).toBe(false);
    expect(allStale([], NOW)).toBe(false);
  });
});
