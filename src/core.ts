import { ChangeEmitter } from './api/change-emitter.js';
import { createCockpitClient } from './api/client.js';
import type { ICockpitApi } from './api/client.js';
import { createCockpitDispatcher } from './api/cockpit.js';
import type { ApiDispatcher } from './api/dispatch.js';
import type { ChangeTopic } from './api/methods.js';
import { openCache } from './cache/index.js';
import type { Cache } from './cache/index.js';
import type { CockpitConfig, SourceConfig } from './config/schema.js';
import { CONNECTORS } from './connectors/registry.js';
import type { Clock } from './connectors/types.js';
import { systemClock } from './connectors/types.js';
import type { SourceStatus } from './domain/index.js';
import { createHttpClient } from './http/client.js';
import type { IHttpClient } from './http/types.js';
import type { Logger } from './logger.js';
import { createPoller } from './poller/poller.js';
import type { Poller, PollResult } from './poller/poller.js';
import { startDemoEstate } from './demo/host.js';
import type { RunningDemo } from './demo/host.js';

export type CoreOptions = Readonly<{
  config: CockpitConfig;
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  http?: IHttpClient;
  /** better-sqlite3 built for Electron's ABI, when the desktop host runs the core. */
  nativeBinding?: string;
}>;

/** The headless core both hosts wire up: cache, poller, api, and the demo estate when configured. */
export type CockpitCore = Readonly<{
  /** The api's edge: what both hosts (and the worker proxy) call. */
  dispatcher: ApiDispatcher;
  /** The same api as a typed client, for callers in this thread (tests, benchmarks). */
  api: ICockpitApi;
  config: CockpitConfig;
  /** Sources as polled (demo sources carry the loopback URL of their simulator). */
  sources: readonly SourceConfig[];
  cache: Cache;
  cacheFile: string;
  recoveredFrom?: string;
  poller: Poller;
  demos: readonly RunningDemo[];
  changes: ChangeEmitter;
  start(): void;
  stop(): Promise<void>;
}>;

const PRUNE_EVERY_MS = 3_600_000;

function topicsFor(result: PollResult, previous: SourceStatus | undefined, changed: boolean): ChangeTopic[] {
  const topics: ChangeTopic[] = ['sources', 'overview'];
  // Alerts change when a poll wrote something, or when the source turns stale/ok (the stale mark).
  if (changed || (previous && (previous.state === 'ok') !== (result.status.state === 'ok')))
    topics.push('alerts');
  return topics;
}

/** Builds the core from a validated config. The caller starts it and must stop it. */
/** A poll that parsed this many alerts (a first poll of a large estate) leaves a heap worth giving back. */
export const LARGE_POLL_RECORDS = 10_000;

/**
 * After a large poll, asks V8 for a full collection so the memory it grew to is returned to the
 * system: a first poll of 100k alerts grows the heap past 1.5 GB, of which ~60 MB stays live, and V8
 * would otherwise keep the rest until it has a reason to collect. Only when `gc` is exposed (the
 * hosts' core worker has it, see src/worker/remote-core.ts); without it the memory comes back later.
 */
function releaseMemorySoon(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') setTimeout(() => gc(), 0).unref();
}

export async function createCockpitCore(options: CoreOptions): Promise<CockpitCore> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const http = options.http ?? createHttpClient({ logger });
  const demos: RunningDemo[] = [];
  const sources: SourceConfig[] = [];
  for (const source of config.sources) {
    if (source.kind !== 'demo') {
      sources.push(source);
      continue;
    }
    const demo = await startDemoEstate(source, clock);
    demos.push(demo);
    sources.push({ ...source, urls: [demo.url] });
  }

  const opened = openCache(options.dataDir, { logger, nativeBinding: options.nativeBinding });
  const { cache } = opened;
  cache.forgetSourcesExcept(sources.map((source) => source.id));
  const changes = new ChangeEmitter();
  const lastStatus = new Map<string, SourceStatus>();
  const connectorFor = (source: SourceConfig) => CONNECTORS[source.kind];

  function onResult(result: PollResult): void {
    const previous = lastStatus.get(result.status.sourceId);
    lastStatus.set(result.status.sourceId, result.status);
    // A failed poll has no products: only its status is written, and the data stays, stale.
    const products = result.snapshot ? { alerts: result.snapshot } : {};
    const applied = cache.applyPoll(result.status, products).alerts;
    const changed =
      applied !== undefined &&
      (applied.inserted + applied.updated + applied.resolved > 0 || applied.events.length > 0);
    if ((result.snapshot?.alerts.length ?? 0) >= LARGE_POLL_RECORDS) releaseMemorySoon();
    changes.emit(topicsFor(result, previous, changed));
  }

  const poller = createPoller({
    sources,
    connectorFor,
    http,
    clock,
    logger,
    onResult,
    knownSourceHashes: (sourceId) => cache.alerts.sourceHashLookup(sourceId),
    initialStatuses: cache.sources.list(),
  });

  // Statuses carried over from a previous run start as stale (see the poller): record that, so the
  // cached alerts are marked stale until the first poll confirms them.
  for (const status of poller.statuses()) {
    cache.sources.save(status);
    // So the first poll that turns a carried-over stale source ok also announces the alerts change.
    lastStatus.set(status.sourceId, status);
  }

  const dispatcher = createCockpitDispatcher({
    alerts: cache.alerts,
    sources,
    statuses: () => poller.statuses(),
    connectorFor,
    http,
    clock,
    logger,
    changes,
    pollNow: (sourceId) => poller.pollNow(sourceId),
    operator: config.operator,
  });

  let pruneTimer: NodeJS.Timeout | undefined;
  const prune = () => {
    const removed = cache.alerts.pruneHistory(clock.now() - config.historyRetentionDays * 86_400_000);
    if (removed > 0) logger.info('pruned old history', { removed });
  };

  return {
    dispatcher,
    api: createCockpitClient(dispatcher.dispatch, dispatcher),
    config,
    sources,
    cache,
    cacheFile: opened.file,
    recoveredFrom: opened.recoveredFrom,
    poller,
    demos,
    changes,
    start() {
      poller.start();
      prune();
      pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
      pruneTimer.unref();
    },
    async stop() {
      clearInterval(pruneTimer);
      await poller.stop();
      await Promise.allSettled(demos.map((demo) => demo.close()));
      cache.close();
    },
  };
}
