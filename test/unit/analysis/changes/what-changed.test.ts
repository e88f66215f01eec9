import { describe, expect, it } from 'vitest';
import { changesBeforeAlert } from '../../../../src/analysis/changes/index.js';
import type { ServiceDistance } from '../../../../src/analysis/changes/index.js';
import type { Change } from '../../../../src/domain/index.js';

const ALERT_START = '2026-12-02T10:00:00.000Z';
const minutesBefore = (minutes: number) => new Date(Date.parse(ALERT_START) - minutes * 60_000).toISOString();

function change(
  id: string,
  service: string,
  startMinutesBefore: number,
  durationMinutes = 1,
  extra: Partial<Change> = {},
): Change {
  return {
    id,
    sourceId: 'cal',
    title: id,
    description: '',
    kind: 'release',
    services: [service],
    startsAt: minutesBefore(startMinutesBefore),
    endsAt: minutesBefore(startMinutesBefore - durationMinutes),
    status: 'done',
    insideFreeze: false,
    ...extra,
  };
}

const changes: Change[] = [
  change('deploy-12m', 'checkout', 12),
  change('config-3m', 'checkout', 3),
  change('db-migration-5h-running', 'checkout', 300, 360),
  change('old-deploy-5h', 'checkout', 300),
  change('other-service-1m', 'search', 1),
  change('after-alert', 'checkout', -5),
  change('cancelled-2m', 'checkout', 2, 10, { status: 'cancelled' }),
  change('upstream-2m', 'payments', 2),
];

const oneHop: ServiceDistance = (alertService, changeService) =>
  alertService === changeService ? 0 : changeService === 'payments' ? 1 : undefined;

describe('changesBeforeAlert', () => {
  it.each([
    {
      case: 'same service, closest in time first; one still running stays at ½',
      alert: { service: 'checkout', startsAt: ALERT_START },
      options: {},
      expected: [
        ['config-3m', 0.909, 'same service, 3 min before'],
        ['deploy-12m', 0.714, 'same service, 12 min before'],
        ['db-migration-5h-running', 0.5, 'same service, in progress (started 5 h before)'],
      ],
    },
    {
      case: 'a shorter look-back keeps only what is inside it (and what still runs)',
      alert: { service: 'checkout', startsAt: ALERT_START },
      options: { lookBackMs: 5 * 60_000 },
      expected: [
        ['config-3m', 0.909, 'same service, 3 min before'],
        ['db-migration-5h-running', 0.5, 'same service, in progress (started 5 h before)'],
      ],
    },
    {
      case: 'the limit keeps the best',
      alert: { service: 'checkout', startsAt: ALERT_START },
      options: { distance: oneHop, limit: 2 },
      expected: [
        ['config-3m', 0.909, 'same service, 3 min before'],
        ['deploy-12m', 0.714, 'same service, 12 min before'],
      ],
    },
    {
      case: 'the graph seam: a dependency one hop away counts at half weight',
      alert: { service: 'checkout', startsAt: ALERT_START },
      options: { distance: oneHop },
      expected: [
        ['config-3m', 0.909, 'same service, 3 min before'],
        ['deploy-12m', 0.714, 'same service, 12 min before'],
        ['db-migration-5h-running', 0.5, 'same service, in progress (started 5 h before)'],
        ['upstream-2m', 0.469, 'payments, 1 hop away, 2 min before'],
      ],
    },
    {
      case: 'an alert on another service sees only its own changes',
      alert: { service: 'search', startsAt: ALERT_START },
      options: {},
      expected: [['other-service-1m', 0.968, 'same service, 1 min before']],
    },
    {
      case: 'an alert without a service has no candidates',
      alert: { startsAt: ALERT_START },
      options: {},
      expected: [],
    },
  ])('$case', ({ alert, options, expected }) => {
    const found = changesBeforeAlert(alert, changes, options);
    expect(found.map((item) => [item.change.id, item.score, item.reason.text])).toEqual(expected);
  });
});
