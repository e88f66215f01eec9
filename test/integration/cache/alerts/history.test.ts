import { describe, expect, it } from 'vitest';
import type { Cache } from '../../../../src/cache/index.js';
import type { AlertRecord } from '../../../../src/domain/index.js';
import {
  failedStatus,
  makeAlert,
  minute,
  minuteMs,
  okStatus,
  snapshotAt,
} from '../../../unit/cache/alert-fixtures.js';
import { useTempDataDir } from '../temp-cache.js';

const data = useTempDataDir();

function apply(cache: Cache, minutes: number, alerts: readonly AlertRecord[], sourceId = 'am-prod') {
  return cache.applyPoll(okStatus(minutes, alerts.length, sourceId), {
    alerts: snapshotAt(minutes, alerts, sourceId),
  }).alerts!;
}

const TEN_MINUTES = 10 * 60_000;
const zero = { critical: 0, high: 0, warning: 0, info: 0 };

/**
 * am-prod: A (critical) and B (warning) appear at 5; B is silenced at 15; A drops to high and
 * C (info) appears at 25; A resolves and B is unsilenced at 35; the poll at 45 fails.
 * am-staging: D (high) appears at 1 and stays.
 */
function seedStory(cache: Cache) {
  const a = makeAlert('A', { severity: 'critical' });
  const b = makeAlert('B', { severity: 'warning' });
  const bSilenced = { ...b, state: 'silenced' as const, silencedBy: ['sil-1'] };
  const c = makeAlert('C', { severity: 'info' });
  const d = makeAlert('D', { severity: 'high' }, 'am-staging');
  apply(cache, 1, [d], 'am-staging');
  apply(cache, 5, [a, b]);
  apply(cache, 15, [a, bSilenced]);
  apply(cache, 25, [{ ...a, severity: 'high' }, bSilenced, c]);
  apply(cache, 35, [b, c]);
  cache.applyPoll(failedStatus(45), {});
}

describe('timeline', () => {
  it('says history starts now on a cache that has none', () => {
    const { cache } = data.open();
    expect(cache.alerts.timeline(minuteMs(0), minuteMs(60), TEN_MINUTES).historyStartsAt).toBe(minute(60));
  });

  it('counts alerts firing at each instant, by their severity then, from history', () => {
    const { cache } = data.open();
    seedStory(cache);

    const timeline = cache.alerts.timeline(minuteMs(0), minuteMs(60), TEN_MINUTES);

    expect(timeline).toMatchObject({ from: minute(0), to: minute(60), bucketMinutes: 10 });
    // Before the first record (D, polled at minute 1) the cockpit knows nothing: the chart says so.
    expect(timeline.historyStartsAt).toBe(minute(1));
    expect(timeline.buckets).toEqual([
      { at: minute(0), ...zero },
      { at: minute(10), ...zero, critical: 1, high: 1, warning: 1 },
      { at: minute(20), ...zero, critical: 1, high: 1 }, // B silenced
      { at: minute(30), ...zero, high: 2, info: 1 }, // A now high, C appeared
      { at: minute(40), ...zero, high: 1, warning: 1, info: 1 }, // A resolved, B back
      { at: minute(50), ...zero, high: 1, warning: 1, info: 1 }, // failed poll changes nothing
      { at: minute(60), ...zero, high: 1, warning: 1, info: 1 },
    ]);
  });

  it('starts from the state at "from" for alerts that appeared before it', () => {
    const { cache } = data.open();
    seedStory(cache);

    const timeline = cache.alerts.timeline(minuteMs(12), minuteMs(52), TEN_MINUTES);
    // The cockpit's history began (minute 1) before this window: the whole chart is known.
    expect(timeline.historyStartsAt).toBeUndefined();

    expect(timeline.buckets).toEqual([
      { at: minute(12), ...zero, critical: 1, high: 1, warning: 1 },
      { at: minute(22), ...zero, critical: 1, high: 1 },
      { at: minute(32), ...zero, high: 2, info: 1 },
      { at: minute(42), ...zero, high: 1, warning: 1, info: 1 },
      { at: minute(52), ...zero, high: 1, warning: 1, info: 1 },
    ]);
  });

  it('leaves out alerts of sources that are no longer configured', () => {
    const { cache } = data.open();
    seedStory(cache);

    cache.forgetSourcesExcept(['am-prod']);

    const buckets = cache.alerts.timeline(minuteMs(0), minuteMs(60), TEN_MINUTES).buckets;
    expect(buckets.map((bucket) => bucket.high)).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it('refuses a bucket of zero length with a sentence', () => {
    const { cache } = data.open();
    expect(() => cache.alerts.timeline(minuteMs(0), minuteMs(60), 0)).toThrow(
      /bucket must be longer than zero/,
    );
  });
});

describe('pruneHistory', () => {
  function seedForPrune(cache: Cache) {
    const old = makeAlert('old', { severity: 'warning' });
    const gone = makeAlert('gone');
    const fresh = makeAlert('fresh');
    apply(cache, 0, [old, gone]);
    apply(cache, 5, [{ ...old, severity: 'critical' }, gone]);
    apply(cache, 10, [{ ...old, severity: 'critical' }]); // gone resolves
    apply(cache, 50, [{ ...old, severity: 'critical' }, fresh]);
    return { old, gone, fresh };
  }

  it('deletes history and resolved alerts older than the cutoff', () => {
    const { cache } = data.open();
    const { gone, fresh } = seedForPrune(cache);

    const removed = cache.alerts.pruneHistory(minuteMs(30));

    expect(removed).toBe(3); // old: appeared; gone: appeared, resolved
    expect(cache.alerts.getAlert(gone.id)).toBeUndefined();
    expect(cache.alerts.getHistory(gone.id)).toEqual([]);
    expect(cache.alerts.getHistory(fresh.id).map((event) => event.kind)).toEqual(['appeared']);
    expect(cache.alerts.pruneHistory(minuteMs(30))).toBe(0);
  });

  it('keeps the last event of a long-firing alert so the timeline still counts it', () => {
    const { cache } = data.open();
    const { old } = seedForPrune(cache);

    cache.alerts.pruneHistory(minuteMs(30));

    expect(cache.alerts.getAlert(old.id)?.state).toBe('firing');
    expect(cache.alerts.getHistory(old.id).map((event) => event.kind)).toEqual(['severity-changed']);
    expect(cache.alerts.timeline(minuteMs(40), minuteMs(60), TEN_MINUTES).buckets).toEqual([
      { at: minute(40), ...zero, critical: 1 },
      { at: minute(50), ...zero, critical: 1, warning: 1 },
      { at: minute(60), ...zero, critical: 1, warning: 1 },
    ]);
  });

  it('treats a pruned alert that fires again as new', () => {
    const { cache } = data.open();
    const { old, gone, fresh } = seedForPrune(cache);
    cache.alerts.pruneHistory(minuteMs(30));

    const result = apply(cache, 60, [{ ...old, severity: 'critical' }, fresh, gone]);

    expect(result.events.map((event) => [event.kind, event.alertId])).toEqual([['appeared', gone.id]]);
    expect(cache.alerts.getAlert(gone.id)?.state).toBe('firing');
  });
});
