import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/schema.js';
import { DEFAULT_SEVERITY_MAPPING } from '../../../src/domain/index.js';
import type { Connector } from '../../../src/connectors/types.js';
import { SourceError, systemClock } from '../../../src/connectors/types.js';
import type { IHttpClient } from '../../../src/http/types.js';
import { silentLogger } from '../../../src/logger.js';
import { createPoller } from '../../../src/poller/poller.js';
import type { Poller, PollResult } from '../../../src/poller/poller.js';

function source(id: string, overrides: Partial<SourceConfig> = {}): SourceConfig {
  return {
    id,
    kind: 'alertmanager',
    name: id,
    urls: ['http://127.0.0.1:1'],
    intervalMs: 50,
    timeoutMs: 200,
    tls: { insecureSkipVerify: false },
    severity: DEFAULT_SEVERITY_MAPPING,
    serviceLabels: ['service'],
    maxBytes: 1024,
    ...overrides,
  };
}

const noHttp: IHttpClient = {
  request: () => Promise.reject(new Error('the poller tests use fake connectors')),
};

const snapshotOf = (sourceId: string) => ({ sourceId, takenAt: new Date().toISOString(), alerts: [] });

let poller: Poller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

/** Starts a poller and collects results; `until` resolves when a predicate over results holds. */
function run(
  sources: SourceConfig[],
  connectors: Record<string, Connector>,
  extra: { backoffCapMs?: number } = {},
) {
  const results: PollResult[] = [];
  const waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  poller = createPoller({
    sources,
    connectorFor: (config) => connectors[config.id]!,
    http: noHttp,
    clock: systemClock,
    logger: silentLogger,
    random: () => 0.5,
    startSpreadMs: 1,
    onResult: (result) => {
      results.push(result);
      for (const waiter of [...waiters]) {
        if (waiter.predicate()) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    ...extra,
  });
  poller.start();
  const until = (predicate: () => boolean) =>
    predicate() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ predicate, resolve }));
  return { results, until, poller };
}

describe('poller', () => {
  it('keeps polling a healthy source while another one hangs', async () => {
    const hanging: Connector = { kind: 'x', poll: () => new Promise(() => undefined) };
    const healthy: Connector = { kind: 'x', poll: () => Promise.resolve(snapshotOf('fast')) };
    const { results, until } = run([source('slow', { timeoutMs: 60_000 }), source('fast')], {
      slow: hanging,
      fast: healthy,
    });
    await until(() => results.filter((result) => result.status.sourceId === 'fast').length >= 3);
    expect(results.every((result) => result.status.sourceId === 'fast')).toBe(true);
    expect(results.every((result) => result.status.state === 'ok')).toBe(true);
  });

  it('ends a hanging poll at its deadline with a sentence and aborts the connector', async () => {
    let aborted = false;
    const hanging: Connector = {
      kind: 'x',
      poll: (ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => (aborted = true));
        }),
    };
    const { results, until } = run([source('slow', { timeoutMs: 10 })], { slow: hanging });
    await until(() => results.length >= 1);
    expect(results[0]?.status).toMatchObject({
      state: 'error',
      consecutiveFailures: 1,
      lastError: 'source "slow": the poll did not finish within 1.01 s',
    });
    expect(aborted).toBe(true);
  });

  it('goes stale (not error) after a success, keeps the last success time, and recovers', async () => {
    let calls = 0;
    const flaky: Connector = {
      kind: 'x',
      poll: () => {
        calls += 1;
        if (calls === 2)
          return Promise.reject(
            new SourceError('source "a": GET … answered HTTP 500 (the server is failing)'),
          );
        return Promise.resolve(snapshotOf('a'));
      },
    };
    const { results, until } = run([source('a', { intervalMs: 20 })], { a: flaky }, { backoffCapMs: 20 });
    await until(() => results.length >= 3);
    const [first, second, third] = results.map((result) => result.status);
    expect(first?.state).toBe('ok');
    expect(second).toMatchObject({
      state: 'stale',
      consecutiveFailures: 1,
      lastSuccessAt: first?.lastSuccessAt,
    });
    expect(second?.lastError).toContain('HTTP 500');
    expect(results[1]?.snapshot).toBeUndefined();
    expect(third).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
    expect(third?.lastError).toBeUndefined();
  });

  it('turns an unexpected exception into a sentence instead of crashing', async () => {
    const broken: Connector = { kind: 'x', poll: () => Promise.reject(new TypeError('x is undefined')) };
    const { results, until } = run([source('b')], { b: broken });
    await until(() => results.length >= 1);
    expect(results[0]?.status.lastError).toBe('source "b": the poll failed unexpectedly (x is undefined)');
  });

  it('never runs two polls of one source at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => undefined;
    const slow: Connector = {
      kind: 'x',
      poll: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((resolve) => (release = resolve));
        inFlight -= 1;
        return snapshotOf('s');
      },
    };
    const { results, until, poller: running } = run([source('s', { timeoutMs: 60_000 })], { s: slow });
    const joined = Promise.all([running.pollNow('s'), running.pollNow('s'), running.pollNow()]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await joined;
    await until(() => results.length >= 1);
    expect(maxInFlight).toBe(1);
  });

  it('stops polling while paused and polls at once on resume', async () => {
    let calls = 0;
    const counting: Connector = { kind: 'x', poll: () => Promise.resolve(((calls += 1), snapshotOf('p'))) };
    const { results, until, poller: running } = run([source('p', { intervalMs: 10_000 })], { p: counting });
    await until(() => results.length >= 1);
    running.pause();
    expect(running.statuses()[0]?.paused).toBe(true);
    const before = calls;
    running.resume();
    await until(() => results.length >= 2);
    expect(calls).toBe(before + 1);
    expect(running.statuses()[0]?.paused).toBe(false);
  });

  it('starts from a previous run’s status as stale, never as current', () => {
    poller = createPoller({
      sources: [source('old')],
      connectorFor: () => ({ kind: 'x', poll: () => new Promise(() => undefined) }),
      http: noHttp,
      clock: systemClock,
      logger: silentLogger,
      onResult: () => undefined,
      initialStatuses: [
        {
          sourceId: 'old',
          state: 'ok',
          consecutiveFailures: 0,
          itemCount: 7,
          lastSuccessAt: '2026-11-20T10:00:00.000Z',
        },
      ],
    });
    expect(poller.statuses()[0]).toMatchObject({
      state: 'stale',
      itemCount: 7,
      lastSuccessAt: '2026-11-20T10:00:00.000Z',
    });
  });
});
