import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConfig, SourceConfigOf } from '../../../src/config/schema.js';
import { alertmanagerConnector } from '../../../src/connectors/alertmanager/index.js';
import { SourceError } from '../../../src/connectors/types.js';
import type { Connector, StateSeed } from '../../../src/connectors/types.js';
import { DEFAULT_SEVERITY_MAPPING } from '../../../src/domain/index.js';
import type { PollProducts } from '../../../src/domain/index.js';
import type { IHttpClient } from '../../../src/http/types.js';
import { silentLogger } from '../../../src/logger.js';
import { createPoller } from '../../../src/poller/poller.js';
import type { Poller, PollResult } from '../../../src/poller/poller.js';
import { createFakeClock, settle } from '../../support/fake-clock.js';
import type { FakeClock } from '../../support/fake-clock.js';

type AlertmanagerSource = SourceConfigOf<'alertmanager'>;

function source(id: string, overrides: Partial<AlertmanagerSource> = {}): AlertmanagerSource {
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

/** A connector whose poll the test writes; stateless unless `extra` says otherwise. */
function connector(poll: Connector['poll'], extra: Partial<Connector> = {}): Connector {
  return {
    kind: 'alertmanager',
    configSchema: alertmanagerConnector.configSchema,
    produces: ['alerts'],
    createState: () => undefined,
    actions: {},
    poll,
    ...extra,
  };
}

const noHttp: IHttpClient = {
  request: () => Promise.reject(new Error('the poller tests use fake connectors')),
};

let clock: FakeClock;
const productsOf = (sourceId: string): PollProducts => ({
  alerts: { sourceId, takenAt: new Date(clock.now()).toISOString(), alerts: [] },
});

/**
 * Moves the fake clock in small steps until `predicate` holds, letting polls finish in between.
 * Fails once `limitMs` of fake time has passed, so a poller that never gets there fails the test.
 */
async function advanceUntil(predicate: () => boolean, limitMs = 60_000, stepMs = 10): Promise<void> {
  await settle();
  for (let elapsed = 0; !predicate(); elapsed += stepMs) {
    if (elapsed >= limitMs) throw new Error(`not reached within ${limitMs} ms of fake time`);
    clock.advance(stepMs);
    await settle();
  }
}

let poller: Poller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

/** Starts a poller on a fake clock and collects its results. */
function run(
  sources: SourceConfig[],
  connectors: Record<string, Connector>,
  extra: { backoffCapMs?: number; seedFor?: (source: SourceConfig) => StateSeed; onResult?: () => void } = {},
) {
  clock = createFakeClock();
  const results: PollResult[] = [];
  poller = createPoller({
    sources,
    connectorFor: (config) => connectors[config.id]!,
    http: noHttp,
    clock,
    logger: silentLogger,
    random: () => 0.5,
    startSpreadMs: 1,
    ...extra,
    onResult: (result) => {
      results.push(result);
      extra.onResult?.();
    },
  });
  poller.start();
  return { results, poller };
}

describe('poller', () => {
  it('keeps polling a healthy source while another one hangs', async () => {
    const hanging = connector(() => new Promise(() => undefined));
    const healthy = connector(() => Promise.resolve(productsOf('fast')));
    const { results } = run([source('slow', { timeoutMs: 60_000 }), source('fast')], {
      slow: hanging,
      fast: healthy,
    });
    await advanceUntil(() => results.filter((result) => result.status.sourceId === 'fast').length >= 3);
    expect(results.every((result) => result.status.sourceId === 'fast')).toBe(true);
    expect(results.every((result) => result.status.state === 'ok')).toBe(true);
  });

  it('ends a hanging poll at its deadline with a sentence and aborts the connector', async () => {
    let aborted = false;
    const hanging = connector(
      (ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => (aborted = true));
        }),
    );
    const { results } = run([source('slow', { timeoutMs: 10 })], { slow: hanging });
    await advanceUntil(() => results.length >= 1);
    expect(results[0]?.status).toMatchObject({
      state: 'error',
      consecutiveFailures: 1,
      lastError: 'source "slow": the poll did not finish within 1.01 s',
    });
    expect(aborted).toBe(true);
  });

  it('goes stale (not error) after a success, keeps the last success time, and recovers', async () => {
    let calls = 0;
    const flaky = connector(() => {
      calls += 1;
      if (calls === 2)
        return Promise.reject(new SourceError('source "a": GET … answered HTTP 500 (the server is failing)'));
      return Promise.resolve(productsOf('a'));
    });
    const { results } = run([source('a', { intervalMs: 20 })], { a: flaky }, { backoffCapMs: 20 });
    await advanceUntil(() => results.length >= 3);
    const [first, second, third] = results.map((result) => result.status);
    expect(first?.state).toBe('ok');
    expect(second).toMatchObject({
      state: 'stale',
      consecutiveFailures: 1,
      lastSuccessAt: first?.lastSuccessAt,
    });
    expect(second?.lastError).toContain('HTTP 500');
    expect(results[1]?.products).toBeUndefined();
    expect(third).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
    expect(third?.lastError).toBeUndefined();
  });

  it('turns an unexpected exception into a sentence instead of crashing', async () => {
    const broken = connector(() => Promise.reject(new TypeError('x is undefined')));
    const { results } = run([source('b')], { b: broken });
    await advanceUntil(() => results.length >= 1);
    expect(results[0]?.status.lastError).toBe('source "b": the poll failed unexpectedly (x is undefined)');
  });

  it('never runs two polls of one source at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => undefined;
    const slow = connector(async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => (release = resolve));
      inFlight -= 1;
      return productsOf('s');
    });
    const { results, poller: running } = run([source('s', { timeoutMs: 60_000 })], { s: slow });
    const joined = Promise.all([running.pollNow('s'), running.pollNow('s'), running.pollNow()]);
    // The scheduled first poll falls due too while the requested one is still running.
    clock.advance(100);
    await settle();
    release();
    await joined;
    await advanceUntil(() => results.length >= 1);
    expect(maxInFlight).toBe(1);
    expect(results).toHaveLength(1);
  });

  it('stops polling while paused and polls at once on resume', async () => {
    let calls = 0;
    const counting = connector(() => Promise.resolve(((calls += 1), productsOf('p'))));
    const { results, poller: running } = run([source('p', { intervalMs: 10_000 })], { p: counting });
    await advanceUntil(() => results.length >= 1);
    running.pause();
    expect(running.statuses()[0]?.paused).toBe(true);
    const before = calls;
    // Several intervals pass while paused: no poll.
    clock.advance(60_000);
    await settle();
    expect(calls).toBe(before);
    running.resume();
    await settle();
    expect(results).toHaveLength(2);
    expect(calls).toBe(before + 1);
    expect(running.statuses()[0]?.paused).toBe(false);
  });

  it('keeps one connector state per source across polls, seeded once from the cache', async () => {
    const seen: unknown[] = [];
    const seeds: string[] = [];
    const stateful = connector(
      (_ctx, state) => {
        seen.push(state);
        (state as { polls: number }).polls += 1;
        return Promise.resolve(productsOf('m'));
      },
      { createState: (config, seed) => ({ source: config.id, polls: 0, seed }) },
    );
    const seed: StateSeed = { alertSourceHash: () => 'stored' };
    const { results } = run(
      [source('m', { intervalMs: 20 })],
      { m: stateful },
      {
        seedFor: (config) => (seeds.push(config.id), seed),
      },
    );
    await advanceUntil(() => results.length >= 3);
    expect(seeds).toEqual(['m']);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatchObject({ source: 'm', seed, polls: results.length });
  });

  it('starts the connector state over (seeded again) when a result could not be applied', async () => {
    const created: { polls: number }[] = [];
    let seeds = 0;
    let failNext = false;
    const stateful = connector(
      (_ctx, state) => {
        (state as { polls: number }).polls += 1;
        return Promise.resolve(productsOf('m'));
      },
      {
        createState: () => {
          const state = { polls: 0 };
          created.push(state);
          return state;
        },
      },
    );
    const { results } = run(
      [source('m', { intervalMs: 20 })],
      { m: stateful },
      {
        seedFor: () => ((seeds += 1), {}),
        onResult: () => {
          if (!failNext) return;
          failNext = false;
          throw new Error('disk full');
        },
      },
    );
    await advanceUntil(() => results.length >= 2);
    expect(created).toHaveLength(1);
    failNext = true;
    await advanceUntil(() => results.length >= 4);
    expect(created).toHaveLength(2);
    expect(seeds).toBe(2);
    expect(created[0]?.polls).toBe(3);
    expect(created[1]?.polls).toBe(results.length - 3);
  });

  it('does not keep a failed poll from reusing the state it had', async () => {
    let calls = 0;
    const created: object[] = [];
    const failingOnce = connector(
      () =>
        ++calls === 1
          ? Promise.reject(new SourceError('source "f": down'))
          : Promise.resolve(productsOf('f')),
      { createState: () => (created.push({}), created.at(-1)) },
    );
    const { results } = run([source('f', { intervalMs: 20 })], { f: failingOnce }, { backoffCapMs: 20 });
    await advanceUntil(() => results.length >= 2);
    expect(results.map((result) => result.status.state)).toEqual(['error', 'ok']);
    expect(created).toHaveLength(1);
  });

  it('starts from a previous run’s status as stale, never as current', () => {
    poller = createPoller({
      sources: [source('old')],
      connectorFor: () => connector(() => new Promise(() => undefined)),
      http: noHttp,
      clock: createFakeClock(),
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
