import { describe, expect, it } from 'vitest';
import { evaluateSlo, failedSlo } from '../../../../src/analysis/slo/evaluate.js';
import { BURN_WINDOWS, DEFAULT_BURN_FACTORS } from '../../../../src/domain/index.js';
import type { SloDefinition, SloSnapshot, SloStatus, SourceStatus } from '../../../../src/domain/index.js';
import { useTempDataDir } from '../temp-cache.js';

const data = useTempDataDir();
const T0 = Date.parse('2026-12-01T00:00:00Z');

function definition(id: string): SloDefinition {
  return {
    id,
    name: id,
    service: 'pay',
    objective: 0.999,
    window: { kind: 'rolling', ms: 30 * 86_400_000 },
    indicator: { kind: 'events', errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' },
    origin: { format: 'inline' },
    labels: {},
  };
}

function evaluated(id: string, errorRatio: number, atMs: number): SloStatus {
  const windows = Object.fromEntries(
    BURN_WINDOWS.map((window) => [window, { total: 100, errors: 100 * errorRatio }]),
  );
  return evaluateSlo(
    definition(id),
    { slo: { total: 100, errors: 100 * errorRatio }, windows },
    {
      nowMs: atMs,
      factors: DEFAULT_BURN_FACTORS,
      minEvents: 1,
    },
  );
}

function status(state: SourceStatus['state'], atMs: number): SourceStatus {
  return {
    sourceId: 'slo',
    state,
    lastSuccessAt: new Date(atMs).toISOString(),
    consecutiveFailures: 0,
    itemCount: 0,
  };
}

const snapshot = (atMs: number, statuses: SloStatus[], failed: SloStatus[] = []): SloSnapshot => ({
  sourceId: 'slo',
  takenAt: new Date(atMs).toISOString(),
  statuses,
  failed,
});

describe('the SLO store', () => {
  it('keeps an SLO’s last good numbers, stale with the new sentence, when its query starts failing', () => {
    const { cache } = data.open();
    cache.applyPoll(status('ok', T0), {
      slo: snapshot(T0, [evaluated('a', 0.0005, T0), evaluated('b', 0.002, T0)]),
    });
    const later = T0 + 60_000;
    const rejected = failedSlo(definition('a'), 'Prometheus rejected the query: parse error', later);
    const applied = cache.applyPoll(status('ok', later), {
      slo: snapshot(
        later,
        [evaluated('b', 0.003, later)],
        [rejected, failedSlo(definition('new'), 'no such metric', later)],
      ),
    });
    expect(applied.slo).toMatchObject({ written: 3, changed: true });
    const byId = new Map(cache.slo.list().map((one) => [one.id, one]));
    expect(byId.get('a')).toMatchObject({
      stale: true,
      problem: 'Prometheus rejected the query: parse error',
      state: 'ok',
    });
    expect(byId.get('a')?.errorBudget.remaining).toBeCloseTo(0.5, 9);
    // An SLO that never had numbers shows the error itself.
    expect(byId.get('new')).toMatchObject({ state: 'error', problem: 'no such metric', stale: false });
    expect(byId.get('b')?.errorBudget.remaining).toBeCloseTo(-2, 9);
    // History has one row per fresh evaluation only.
    expect(cache.slo.history('a', 0).map((row) => row.at)).toEqual([T0]);
    expect(cache.slo.history('b', 0).map((row) => row.remaining)).toEqual([
      expect.closeTo(-1, 9),
      expect.closeTo(-2, 9),
    ]);
  });

  it('marks every SLO stale while its source is stale, and drops SLOs no longer defined', () => {
    const { cache } = data.open();
    cache.applyPoll(status('ok', T0), { slo: snapshot(T0, [evaluated('a', 0, T0), evaluated('b', 0, T0)]) });
    cache.applyPoll({ ...status('stale', T0), consecutiveFailures: 1 }, {});
    expect(
      cache.slo
        .list()
        .map((one) => [one.id, one.stale])
        .sort(),
    ).toEqual([
      ['a', true],
      ['b', true],
    ]);
    cache.applyPoll(status('ok', T0 + 1), { slo: snapshot(T0 + 1, [evaluated('b', 0, T0 + 1)]) });
    expect(cache.slo.list().map((one) => [one.id, one.stale])).toEqual([['b', false]]);
    expect(cache.slo.pruneHistory(T0 + 1)).toBe(2);
  });
});
