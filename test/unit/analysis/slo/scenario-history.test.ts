import { describe, expect, it } from 'vitest';
import { intervalsFromHistory } from '../../../../src/analysis/slo/scenario-history.js';
import type { AlertHistoryEvent } from '../../../../src/domain/index.js';

const MIN = 60_000;
const event = (
  minute: number,
  kind: AlertHistoryEvent['kind'],
  state: AlertHistoryEvent['state'],
): AlertHistoryEvent => ({
  alertId: 'a',
  sourceId: 'am',
  at: new Date(minute * MIN).toISOString(),
  kind,
  severity: 'critical',
  state,
  name: 'PaymentErrors',
});

describe('firing intervals from the cockpit’s alert history', () => {
  it.each([
    [
      'appeared then resolved',
      [event(10, 'appeared', 'firing'), event(40, 'resolved', 'resolved')],
      [[10, 40]],
    ],
    [
      'fired twice',
      [
        event(10, 'appeared', 'firing'),
        event(20, 'resolved', 'resolved'),
        event(50, 'appeared', 'firing'),
        event(55, 'resolved', 'resolved'),
      ],
      [
        [10, 20],
        [50, 55],
      ],
    ],
    ['still firing runs until now', [event(90, 'appeared', 'firing')], [[90, 100]]],
    [
      'silenced still counts as unstable',
      [event(10, 'appeared', 'firing'), event(15, 'silenced', 'silenced'), event(30, 'resolved', 'resolved')],
      [[10, 30]],
    ],
    [
      'pending is not firing yet',
      [
        event(5, 'appeared', 'pending'),
        event(8, 'state-changed', 'firing'),
        event(30, 'resolved', 'resolved'),
      ],
      [[8, 30]],
    ],
  ] as const)('%s', (_, events, expected) => {
    expect(intervalsFromHistory(events, 100 * MIN)).toEqual(
      expected.map(([start, end]) => ({ startMs: start * MIN, endMs: end * MIN })),
    );
  });
});
