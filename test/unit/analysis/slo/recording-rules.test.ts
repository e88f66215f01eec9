import { describe, expect, it } from 'vitest';
import {
  pyrraRecordedQueries,
  pyrraRecordedWindowsMs,
  pyrraRuleKey,
} from '../../../../src/analysis/slo/recording-rules.js';
import { pyrraRulePrefix } from '../../../../src/config/slo/pyrra.js';
import type { SloDefinition } from '../../../../src/domain/index.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

function pyrra(windowMs: number, grouped = false): SloDefinition {
  return {
    id: 'api-errors',
    name: 'api-errors',
    service: 'api',
    objective: 0.999,
    window: { kind: 'rolling', ms: windowMs },
    indicator: { kind: 'events', errorQuery: 'e', totalQuery: 't' },
    origin: { format: 'pyrra' },
    labels: {},
    ...(grouped ? {} : { pyrraRulePrefix: 'http_requests' }),
  };
}

const every = (prefix: string, windows: readonly string[]) =>
  new Set(windows.map((window) => pyrraRuleKey(`${prefix}:burnrate${window}`, 'api-errors')));

describe("Pyrra's recording rules", () => {
  it('scales the recorded windows from the SLO window as Pyrra does (28 d: 5m, 30m, 1h, 2h, 6h, 1d, 4d)', () => {
    expect([...pyrraRecordedWindowsMs(28 * DAY)].sort((a, b) => a - b)).toEqual(
      [5, 30, 60, 120, 360, 1440, 5760].map((minutes) => minutes * MINUTE),
    );
    // 30 days: 1h becomes 64m, so only 5m is one of the cockpit's windows.
    expect(pyrraRecordedWindowsMs(30 * DAY).has(64 * MINUTE)).toBe(true);
    expect(pyrraRecordedWindowsMs(30 * DAY).has(60 * MINUTE)).toBe(false);
  });

  it('names the rule after the total metric without _total or _count', () => {
    expect(pyrraRulePrefix('http_requests_total{job="api",code=~"5.."}')).toBe('http_requests');
    expect(pyrraRulePrefix('http_request_duration_seconds_count{job="api"}')).toBe(
      'http_request_duration_seconds',
    );
  });

  it('reads only the windows Pyrra records whose rule exists, selected by the slo label', () => {
    const rules = every('http_requests', ['5m', '30m', '1h', '2h', '6h', '1d', '4d']);
    expect(pyrraRecordedQueries(pyrra(28 * DAY), rules)).toEqual({
      '5m': 'http_requests:burnrate5m{slo="api-errors"}',
      '30m': 'http_requests:burnrate30m{slo="api-errors"}',
      '1h': 'http_requests:burnrate1h{slo="api-errors"}',
      '2h': 'http_requests:burnrate2h{slo="api-errors"}',
      '6h': 'http_requests:burnrate6h{slo="api-errors"}',
      '1d': 'http_requests:burnrate1d{slo="api-errors"}',
    });
    expect(Object.keys(pyrraRecordedQueries(pyrra(30 * DAY), rules))).toEqual(['5m']);
    expect(pyrraRecordedQueries(pyrra(28 * DAY), every('http_requests', ['1h']))).toEqual({
      '1h': 'http_requests:burnrate1h{slo="api-errors"}',
    });
    // Grouped SLOs carry no prefix: their rules hold one series per group.
    expect(pyrraRecordedQueries(pyrra(28 * DAY, true), rules)).toEqual({});
  });
});
