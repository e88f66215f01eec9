import { describe, expect, it } from 'vitest';
import {
  LAST_GOOD,
  alertsOf,
  failurePrefix,
  sourceStatus,
  useFaultScenarios,
  waitForChange,
} from './two-sources.js';

const suite = useFaultScenarios();

describe('a source that is rate-limited', () => {
  it('429 with Retry-After: stale, and not asked again before Retry-After while the other keeps polling', async () => {
    // Both sources poll every second once started; without Retry-After the retry would come after ~1 s.
    const scenario = await suite.scenario({ interval: '1s', timeout: '1s' });
    const { faulty, cockpit, recover } = scenario;
    const { core } = cockpit;
    const { what } = failurePrefix(faulty.origin);
    faulty.setMode({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '30' },
      body: 'rate limit exceeded',
    });
    const requestsBefore = faulty.requests.length;
    const news = suite.healthy().addAlert('HealthyWhileRateLimited');

    core.start();
    const limited = await waitForChange(
      core,
      async () => {
        const status = await sourceStatus(core, 'faulty');
        const rescheduled =
          status.nextPollAt !== undefined &&
          status.lastAttemptAt !== undefined &&
          Date.parse(status.nextPollAt) > Date.parse(status.lastAttemptAt);
        return status.state === 'stale' && rescheduled ? status : undefined;
      },
      'the rate-limited source to be stale and rescheduled',
    );

    expect(limited.lastError).toMatch(
      new RegExp(`${what} answered HTTP 429 \\(the server is rate-limiting us; polling slows down\\)$`),
    );
    expect(limited.lastDurationMs).toBeLessThanOrEqual(1000 + 2000);
    const nextPollAt = limited.nextPollAt ?? '';
    expect(Date.parse(nextPollAt) - Date.parse(limited.lastAttemptAt ?? '')).toBeGreaterThanOrEqual(30_000);
    expect(await alertsOf(core, 'faulty')).toEqual(LAST_GOOD.map((name) => ({ name, stale: true })));

    // The healthy source keeps its own schedule: wait for three more of its polls (about 2 s, longer
    // than the 1 s retry that would follow without Retry-After), event by event.
    for (let poll = 0; poll < 3; poll += 1) {
      const before = (await sourceStatus(core, 'healthy')).lastSuccessAt;
      await waitForChange(
        core,
        async () => ((await sourceStatus(core, 'healthy')).lastSuccessAt !== before ? true : undefined),
        'another poll of the healthy source',
      );
    }
    expect(await sourceStatus(core, 'healthy')).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
    expect(await alertsOf(core, 'healthy')).toContainEqual({ name: news, stale: false });
    // …while the rate-limited one was asked exactly once and is still waiting for its Retry-After.
    expect(faulty.requests.length - requestsBefore).toBe(1);
    expect(await sourceStatus(core, 'faulty')).toMatchObject({
      state: 'stale',
      consecutiveFailures: 1,
      nextPollAt,
    });

    await recover();
  });
});
