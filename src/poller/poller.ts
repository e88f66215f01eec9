import { snapshotSize } from '../domain/index.js';
import type { Clock, PollProducts, SourceStatus, TimerHandle } from '../domain/index.js';
import type { SourceConfig } from '../config/schema.js';
import type { Connector, StateSeed } from '../connectors/types.js';
import { SourceError } from '../connectors/types.js';
import type { IHttpClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import { DEFAULT_BACKOFF_CAP_MS, backoffDelay, nextIntervalDelay, sourceCapMs } from './backoff.js';

/** What one poll produced: always a status; the connector's products only on success. */
export type PollResult = Readonly<{ status: SourceStatus; products?: PollProducts }>;

export type PollerOptions = Readonly<{
  sources: readonly SourceConfig[];
  connectorFor: (source: SourceConfig) => Connector;
  http: IHttpClient;
  clock: Clock;
  logger: Logger;
  /** Called after every poll, in order per source. Exceptions are logged, never stop the loop. */
  onResult: (result: PollResult) => void;
  /**
   * What the cache kept for a source, offered to its connector whenever the loop creates the
   * connector's state: at start (so a warm restart is as cheap as a warm poll) and after a result
   * could not be applied (so the state again matches what the cache holds).
   */
  seedFor?: (source: SourceConfig) => StateSeed;
  /** Statuses saved by a previous run, so last-success times survive a restart. */
  initialStatuses?: readonly SourceStatus[];
  random?: () => number;
  backoffCapMs?: number;
  /** How long the first poll of each source is delayed at most (spreads a fleet of cockpits). */
  startSpreadMs?: number;
}>;

export type Poller = Readonly<{
  start(): void;
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Polls now (all sources or one); resolves when those polls have finished. */
  pollNow(sourceId?: string): Promise<void>;
  statuses(): SourceStatus[];
}>;

type Loop = {
  source: SourceConfig;
  status: SourceStatus;
  /**
   * The connector's memory between polls of this source (its change hashes), created by the
   * connector for `for`; made afresh when the loop's source config is another one, or when a
   * result could not be applied.
   */
  connectorState?: Readonly<{ for: SourceConfig; value: unknown }>;
  timer?: TimerHandle;
  inFlight?: Promise<void>;
  controller?: AbortController;
};

const WATCHDOG_MS = 5_000;

/** One independent loop per source: a slow, hanging or failing source never delays another. */
export function createPoller(options: PollerOptions): Poller {
  const { clock, logger } = options;
  const random = options.random ?? Math.random;
  const capMs = options.backoffCapMs ?? DEFAULT_BACKOFF_CAP_MS;
  const loops = new Map<string, Loop>();
  let running = false;
  let paused = false;
  let watchdog: TimerHandle | undefined;
  let lastWatchdogAt = clock.now();

  for (const source of options.sources) {
    const previous = options.initialStatuses?.find((status) => status.sourceId === source.id);
    // Data from a previous run is old until the first poll confirms it: never show it as current.
    const status: SourceStatus = previous?.lastSuccessAt
      ? { ...previous, sourceId: source.id, state: 'stale', paused: false }
      : { sourceId: source.id, state: 'pending', consecutiveFailures: 0, itemCount: 0 };
    loops.set(source.id, { source, status });
  }

  const iso = (ms: number) => new Date(ms).toISOString();

  function schedule(loop: Loop, delayMs: number): void {
    clock.clearTimeout(loop.timer);
    if (!running || paused) return;
    loop.status = { ...loop.status, nextPollAt: iso(clock.now() + delayMs) };
    loop.timer = clock.setTimeout(() => void runOnce(loop), delayMs);
  }

  /** Hands a result on; false when the listener threw (the result was not applied). */
  function report(result: PollResult): boolean {
    try {
      options.onResult(result);
      return true;
    } catch (error) {
      logger.error('applying a poll result failed', {
        sourceId: result.status.sourceId,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  function connectorStateOf(loop: Loop, connector: Connector): unknown {
    const { source } = loop;
    if (loop.connectorState?.for !== source) {
      loop.connectorState = { for: source, value: connector.createState(source, options.seedFor?.(source)) };
    }
    return loop.connectorState.value;
  }

  async function pollWithDeadline(loop: Loop): Promise<PollProducts> {
    const { source } = loop;
    const controller = new AbortController();
    loop.controller = controller;
    // The HTTP client has its own deadline; this one also catches a connector that hangs elsewhere.
    const deadlineMs = source.timeoutMs + 1_000;
    let timer: TimerHandle | undefined;
    let onAbort: (() => void) | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = clock.setTimeout(() => {
        reject(
          new SourceError(`source "${source.id}": the poll did not finish within ${deadlineMs / 1000} s`),
        );
        controller.abort();
      }, deadlineMs);
      // stop() aborts too: do not wait for a connector that ignores its signal.
      onAbort = () => reject(new SourceError(`source "${source.id}": the poll was cancelled`));
      controller.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const connector = options.connectorFor(source);
      const state = connectorStateOf(loop, connector);
      return await Promise.race([
        connector.poll({ source, http: options.http, clock, logger, signal: controller.signal }, state),
        deadline,
      ]);
    } finally {
      clock.clearTimeout(timer);
      // The signal can outlive the poll (the HTTP layer lets go of it late); its listener must not
      // keep this poll's whole snapshot reachable.
      if (onAbort) controller.signal.removeEventListener('abort', onAbort);
      loop.controller = undefined;
    }
  }

  async function pollSource(loop: Loop): Promise<void> {
    const startedAt = clock.now();
    const { source } = loop;
    try {
      const products = await pollWithDeadline(loop);
      loop.status = {
        sourceId: source.id,
        state: 'ok',
        lastSuccessAt: iso(clock.now()),
        lastAttemptAt: iso(startedAt),
        lastDurationMs: clock.now() - startedAt,
        consecutiveFailures: 0,
        itemCount: products.alerts
          ? snapshotSize(products.alerts)
          : (products.slo?.statuses.length ?? 0) +
            (products.slo?.failed.length ?? 0) +
            (products.changes?.changes.length ?? 0) +
            (products.changes?.freezes.length ?? 0) +
            (products.runbooks ? products.runbooks.documents.length + products.runbooks.confirmed.length : 0),
        members: products.alerts?.members,
        paused,
      };
      loop.inFlight = undefined;
      // The connector's state now describes this result; if it was not applied, the cache holds
      // something else, so start the state over (seeded from the cache) rather than trust it.
      if (!report({ status: loop.status, products })) loop.connectorState = undefined;
      schedule(loop, nextIntervalDelay(source.intervalMs, random));
    } catch (error) {
      const failure =
        error instanceof SourceError
          ? error
          : new SourceError(
              `source "${source.id}": the poll failed unexpectedly (${error instanceof Error ? error.message : String(error)})`,
            );
      const consecutiveFailures = loop.status.consecutiveFailures + 1;
      loop.status = {
        ...loop.status,
        state: loop.status.lastSuccessAt ? 'stale' : 'error',
        lastAttemptAt: iso(startedAt),
        lastDurationMs: clock.now() - startedAt,
        lastError: failure.message,
        consecutiveFailures,
        paused,
      };
      logger.warn('poll failed', { sourceId: source.id, error: failure.message, consecutiveFailures });
      loop.inFlight = undefined;
      report({ status: loop.status });
      const floorMs = Math.min(source.intervalMs, capMs);
      const delay = backoffDelay(
        consecutiveFailures,
        { baseMs: source.intervalMs, capMs: sourceCapMs(source.intervalMs, capMs), floorMs },
        random,
        failure.retryAfterMs,
      );
      schedule(loop, delay);
    }
  }

  function runOnce(loop: Loop): Promise<void> {
    // Single flight: a poll that is still running is joined, never doubled.
    if (loop.inFlight) return loop.inFlight;
    clock.clearTimeout(loop.timer);
    // pollSource clears inFlight itself before reporting, so a poll requested from a result
    // listener (or right after one) starts afresh instead of joining the finished one.
    const poll = pollSource(loop);
    loop.inFlight = poll;
    return poll;
  }

  function checkForSleep(): void {
    if (!running) return;
    watchdog = clock.setTimeout(checkForSleep, WATCHDOG_MS);
    const now = clock.now();
    const gap = now - lastWatchdogAt;
    lastWatchdogAt = now;
    // The timer fired far later than asked: the machine slept. Data is old; poll everything now.
    if (gap > WATCHDOG_MS * 3 && !paused) {
      logger.info('woke from sleep; polling all sources now', { gapMs: gap });
      for (const loop of loops.values()) void runOnce(loop);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      const spread = options.startSpreadMs ?? 250;
      for (const loop of loops.values()) schedule(loop, Math.floor(random() * spread));
      lastWatchdogAt = clock.now();
      watchdog = clock.setTimeout(checkForSleep, WATCHDOG_MS);
    },
    async stop() {
      running = false;
      clock.clearTimeout(watchdog);
      for (const loop of loops.values()) {
        clock.clearTimeout(loop.timer);
        loop.controller?.abort();
      }
      await Promise.allSettled([...loops.values()].map((loop) => loop.inFlight ?? Promise.resolve()));
    },
    pause() {
      paused = true;
      for (const loop of loops.values()) {
        clock.clearTimeout(loop.timer);
        loop.status = { ...loop.status, paused: true, nextPollAt: undefined };
      }
    },
    resume() {
      if (!paused) return;
      paused = false;
      for (const loop of loops.values()) {
        loop.status = { ...loop.status, paused: false };
        void runOnce(loop);
      }
    },
    async pollNow(sourceId) {
      const selected = [...loops.values()].filter((loop) => !sourceId || loop.source.id === sourceId);
      await Promise.all(selected.map((loop) => runOnce(loop)));
    },
    statuses() {
      return [...loops.values()].map((loop) => loop.status);
    },
  };
}
