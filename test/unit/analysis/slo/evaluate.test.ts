import { describe, expect, it } from 'vitest';
import { evaluateSlo } from '../../../../src/analysis/slo/evaluate.js';
import type { SloMeasurements } from '../../../../src/analysis/slo/evaluate.js';
import { combinedSloQuery, readCombinedAnswer } from '../../../../src/analysis/slo/queries.js';
import { BURN_WINDOWS, DEFAULT_BURN_FACTORS } from '../../../../src/domain/index.js';
import type { SloDefinition } from '../../../../src/domain/index.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T12:00:00Z');

const definition: SloDefinition = {
  id: 'pay-availability',
  name: 'availability',
  service: 'pay',
  objective: 0.999,
  window: { kind: 'rolling', ms: 30 * DAY },
  indicator: {
    kind: 'events',
    errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
  },
  origin: { format: 'sloth' },
  labels: {},
};

/** Every window at `rate` requests/s with the given error ratio per window. */
function measured(ratios: Partial<Record<string, number>>, rate = 10): SloMeasurements {
  const windows = Object.fromEntries(
    BURN_WINDOWS.map((window) => [window, { total: rate, errors: rate * (ratios[window] ?? 0) }]),
  );
  return { slo: { total: rate, errors: rate * (ratios.slo ?? 0) }, windows };
}

const options = { nowMs: NOW, factors: DEFAULT_BURN_FACTORS, minEvents: 100 };

describe('evaluateSlo', () => {
  it.each([
    // ratios per window → state, availability, remaining
    ['calm', { slo: 0.0005 }, 'ok', 0.9995, 0.5],
    ['a fast burn', { slo: 0.0005, '1h': 0.02, '5m': 0.03 }, 'page', 0.9995, 0.5],
    ['a slow burn', { slo: 0.0008, '3d': 0.0012, '6h': 0.0015 }, 'ticket', 0.9992, 0.2],
    ['an overspent budget', { slo: 0.0015 }, 'ok', 0.9985, -0.5],
  ])('%s', (_, ratios, state, availability, remaining) => {
    const status = evaluateSlo(definition, measured(ratios), options);
    expect(status.state).toBe(state);
    expect(status.availability).toBeCloseTo(availability, 9);
    expect(status.errorBudget.remaining).toBeCloseTo(remaining, 9);
    expect(status.errorBudget.consumed).toBeCloseTo(1 - remaining, 9);
  });

  it('says when the budget runs out at the 1h rate', () => {
    // Half the budget left, burning at 2×: 0.5 × 30 d / 2 = 7.5 d.
    const status = evaluateSlo(definition, measured({ slo: 0.0005, '1h': 0.002 }), options);
    expect(status.burnRates['1h']).toBeCloseTo(2, 9);
    expect(Date.parse(status.exhaustsAt ?? '') - NOW).toBeCloseTo(7.5 * DAY, -1);
  });

  it('shows no-data, not 100 %, below the minimum volume', () => {
    // 0.00001 req/s over 30 d is about 26 events.
    const status = evaluateSlo(definition, measured({}, 0.00001), options);
    expect(status.state).toBe('no-data');
    expect(status.availability).toBeUndefined();
    expect(status.problem).toMatch(/only 26 events in the window, fewer than the 100 needed/);
    expect(status.burnRates['5m']).toBeNull();
  });

  it('counts an error query without series as zero errors', () => {
    const status = evaluateSlo(definition, { slo: { total: 5 }, windows: { '5m': { total: 5 } } }, options);
    expect(status.availability).toBe(1);
    expect(status.burnRates['5m']).toBe(0);
    expect(status.burnRates['1h']).toBeNull();
  });

  it('says when Prometheus keeps less than the window', () => {
    const status = evaluateSlo(definition, measured({ slo: 0.0005 }), { ...options, retentionMs: 15 * DAY });
    expect(status.problem).toMatch(/Prometheus keeps 15d of data, less than this SLO's 30d window/);
    expect(status.state).toBe('ok');
  });
});

describe('the combined query and its answer', () => {
  it('asks every window in one query, with {{.window}} replaced', () => {
    const query = combinedSloQuery(definition, NOW);
    expect(query).not.toContain('{{');
    for (const range of ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'])
      expect(query).toContain(`[${range}]`);
  });

  it('reads each window and part, and refuses several series for one', () => {
    const sample = (window: string, part: string, value: string, extra = {}) => ({
      metric: { cockpit_slo_window: window, cockpit_slo_part: part, ...extra },
      value: [NOW / 1000, value] as const,
    });
    const good = readCombinedAnswer(definition, [
      sample('slo', 'total', '10'),
      sample('slo', 'errors', '0.01'),
      sample('5m', 'total', 'NaN'),
    ]);
    expect(good).toEqual({
      measurements: { slo: { total: 10, errors: 0.01 }, windows: { '5m': { total: Number.NaN } } },
    });
    const several = readCombinedAnswer(definition, [
      sample('1h', 'errors', '1', { code: '500' }),
      sample('1h', 'errors', '2', { code: '503' }),
    ]);
    expect(several).toEqual({
      problem: 'the error query returns 2 series over 1h, not one; aggregate it, e.g. wrap it in sum(…)',
    });
  });
});
