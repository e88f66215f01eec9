import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../src/api/dispatch.js';
import { createChangeHandlers } from '../../../src/api/impl/changes.js';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfigOf } from '../../../src/config/schema.js';
import { icalConnector } from '../../../src/connectors/ical/index.js';
import type { SourceStatus } from '../../../src/domain/index.js';
import { systemClock } from '../../../src/domain/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';
import { makeAlert, okStatus } from '../../unit/cache/alert-fixtures.js';
import { useTempDataDir } from '../cache/temp-cache.js';

const data = useTempDataDir();
const FIXTURES = new URL('../../fixtures/calendars/', import.meta.url).pathname;
const NOW = Date.parse('2026-12-02T00:00:00Z');
const clock = { ...systemClock, now: () => NOW };

const config = parseConfig(
  `sources:
  - { id: ops, kind: ical, file: ops.ics, timezone: Asia/Shanghai, window: { past: 1d, ahead: 14d } }
freezes:
  - { name: weekend, weekly: { from: fri 18:00, to: mon 09:00 }, tz: Asia/Shanghai, environments: [prod] }
`,
  `${FIXTURES}cockpit.yaml`,
  {},
);

const okCalendar: SourceStatus = { sourceId: 'ops', state: 'ok', consecutiveFailures: 0, itemCount: 1 };

/** A cache holding the ops calendar (polled for real from its file) and one alert on checkout. */
async function setUp() {
  const { cache } = data.open();
  const source = config.sources[0] as SourceConfigOf<'ical'>;
  const products = await icalConnector.poll(
    { source, http: createHttpClient(), clock, logger: silentLogger, signal: new AbortController().signal },
    icalConnector.createState(source),
  );
  cache.applyPoll(okCalendar, products);
  // Checkout's error rate rises 20 minutes after its release train started (Dec 3, 20:20 CST).
  const alert = makeAlert('checkout-5xx', { startsAt: '2026-12-03T12:20:00.000Z', service: 'checkout' });
  cache.applyPoll(okStatus(0, 1), {
    alerts: { sourceId: 'am-prod', takenAt: alert.startsAt, alerts: [alert] },
  });
  const handlers = createChangeHandlers({
    changeReads: cache.changes,
    alerts: cache.alerts,
    freezeRules: config.freezes,
    clock,
  });
  return { cache, handlers, alert };
}

describe('the changes api over a real cache', () => {
  it('lists changes in a range with their effective status, filtered by service and kind', async () => {
    const { handlers } = await setUp();
    const all = await handlers.listChanges({
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-04T00:00:00Z',
      limit: 100,
    });
    expect(all.items.map((change) => [change.title, change.status])).toEqual([
      ['[search] daily failover drill', 'done'],
      ['[gateway] rate limit ramp', 'done'],
      ['[checkout] release train', 'done'],
      ['[search] daily failover drill', 'planned'],
      ['[checkout] raise the DB pool to 80', 'planned'],
      ['[gateway] rate limit ramp', 'planned'],
      ['[search] daily failover drill', 'planned'],
      ['core switch firmware', 'cancelled'],
      ['[checkout] release train', 'planned'],
    ]);
    const checkoutConfig = await handlers.listChanges({
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-04T00:00:00Z',
      service: ['checkout'],
      kind: ['config'],
      limit: 100,
    });
    expect(checkoutConfig.items.map((change) => change.title)).toEqual([
      '[checkout] raise the DB pool to 80',
    ]);
    expect((await handlers.listChanges({ limit: 2 })).truncated).toBe(true);
  });

  it('flags a change inside a freeze: the orders DB upgrade on Saturday falls in the prod weekend freeze', async () => {
    const { handlers } = await setUp();
    const { items } = await handlers.listChanges({ service: ['orders'], limit: 100 });
    expect(items).toMatchObject([
      { title: 'orders DB minor version upgrade', insideFreeze: true, freeze: { name: 'weekend' } },
    ]);
  });

  it('answers the freeze in force and the next one, from the config and from the calendar', async () => {
    const { handlers } = await setUp();
    const freezes = await handlers.getFreezes({ from: '2026-12-01T00:00:00Z', to: '2026-12-15T00:00:00Z' });
    expect(freezes.items.map((window) => [window.name, window.startsAt, window.source])).toEqual([
      ['weekend', '2026-12-04T10:00:00.000Z', 'config'],
      ['weekend', '2026-12-11T10:00:00.000Z', 'config'],
      ['Double 12 shopping festival', '2026-12-11T16:00:00.000Z', 'ops'],
    ]);
    expect(freezes.active).toBeUndefined();
    expect(freezes.next?.startsAt).toBe('2026-12-04T10:00:00.000Z');
  });

  it('answers what changed before an alert: the release train still running, then the config push', async () => {
    const { handlers, alert } = await setUp();
    const found = await handlers.getAlertChanges({ id: alert.id, lookBackMinutes: 2 * 24 * 60 });
    expect(found.items.map((item) => [item.change.title, item.reason.text])).toEqual([
      ['[checkout] release train', 'same service, in progress (started 20 min before)'],
      ['[checkout] raise the DB pool to 80', 'same service, 33 h 5 min before'],
    ]);
    const recent = await handlers.getAlertChanges({ id: alert.id, lookBackMinutes: 240 });
    expect(recent.items.map((item) => item.change.title)).toEqual(['[checkout] release train']);
    await expect(handlers.getAlertChanges({ id: 'am-prod:gone', lookBackMinutes: 240 })).rejects.toThrow(
      ApiFailure,
    );
  });

  it('keeps answering from the cache after the calendar fails, marking the changes stale', async () => {
    const { cache, handlers } = await setUp();
    cache.applyPoll({ ...okCalendar, state: 'stale', consecutiveFailures: 1 }, {});
    const { items } = await handlers.listChanges({ service: ['checkout'], kind: ['config'], limit: 100 });
    expect(items).toMatchObject([{ title: '[checkout] raise the DB pool to 80', stale: true }]);
  });
});
