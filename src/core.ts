import { ChangeEmitter } from './api/change-emitter.js';
import { createCockpitClient } from './api/client.js';
import type { ICockpitApi } from './api/client.js';
import { createCockpitDispatcher } from './api/cockpit.js';
import type { ApiDispatcher } from './api/dispatch.js';
import type { ChangeTopic } from './api/methods.js';
import { openCache } from './cache/index.js';
import type { Cache, PollApplied } from './cache/index.js';
import type { CockpitConfig, SourceConfig } from './config/schema.js';
import { connectorFor } from './connectors/registry.js';
import { sloSourceFor } from './connectors/slo/config.js';
import { runbooksSourceFor } from './connectors/runbooks/config.js';
import { formatProblem } from './config/load.js';
import { severityRank, systemClock } from './domain/index.js';
import type { Clock, DomainName, SourceStatus } from './domain/index.js';
import { createHttpClient } from './http/client.js';
import type { IHttpClient } from './http/types.js';
import type { Logger } from './logger.js';
import { createAckKeeper } from './api/impl/acks.js';
import { createAlertNotifier } from './notifications/notifier.js';
import { DEFAULT_POLICY, escalationSteps, hasFilters, matchesFilters } from './notifications/policy.js';
import { createEscalationChannel } from './notifications/webhooks.js';
import type { CoreNotifications } from './notifications/notifier.js';
import { createPoller } from './poller/poller.js';
import type { Poller, PollResult } from './poller/poller.js';

export type CoreOptions = Readonly<{
  config: CockpitConfig;
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  http?: IHttpClient;
  /** better-sqlite3 built for Electron's ABI, when the desktop host runs the core. */
  nativeBinding?: string;
  /** The demo estates serving the config's `demo` sources (`startDemoSources`); closed on stop. */
  demos?: readonly HostedBackend[];
}>;

/** A backend its host started for the core to poll (the demo estate): listed in `demos`, closed on stop. */
export type HostedBackend = Readonly<{ url: string; close(): Promise<void> }>;

/** The headless core both hosts wire up: cache, poller and api over the sources it is given. */
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
  demos: readonly HostedBackend[];
  changes: ChangeEmitter;
  /** Notifications decided here on every poll that changed the alerts; hosts deliver them. */
  notifications: CoreNotifications;
  start(): void;
  stop(): Promise<void>;
}>;

const PRUNE_EVERY_MS = 3_600_000;
/** How often repeats and escalations are looked at between polls. */
const RING_CHECK_MS = 5_000;

/** What a poll changed, per domain topic: something written, or the source's stale mark flipped. */
function topicsFor(
  result: PollResult,
  previous: SourceStatus | undefined,
  applied: PollApplied,
  produces: readonly DomainName[],
): ChangeTopic[] {
  const topics: ChangeTopic[] = ['sources', 'overview'];
  const flipped = previous !== undefined && (previous.state === 'ok') !== (result.status.state === 'ok');
  const alerts = applied.alerts;
  const alertsWritten =
    alerts !== undefined &&
    (alerts.inserted + alerts.updated + alerts.resolved > 0 || alerts.events.length > 0);
  if (alertsWritten || (flipped && produces.includes('alerts'))) topics.push('alerts');
  if ((applied.slo?.changed ?? false) || (flipped && produces.includes('slo'))) topics.push('slos');
  const changes = applied.changes;
  const changesWritten =
    changes !== undefined &&
    (changes.inserted + changes.updated + changes.removed > 0 || changes.freezesChanged);
  if (changesWritten || (flipped && produces.includes('changes'))) topics.push('changes');
  const topology = applied.topology;
  const topologyWritten =
    topology !== undefined &&
    (topology.itemsAdded + topology.itemsChanged + topology.itemsRemoved > 0 ||
      topology.relationsAdded + topology.relationsRemoved > 0 ||
      topology.problemsChanged);
  if (topologyWritten || (flipped && produces.includes('topology'))) topics.push('topology');
  if ((applied.runbooks?.changed ?? false) || (flipped && produces.includes('runbooks')))
    topics.push('runbooks');
  return topics;
}

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

/** Builds the core from a validated config. The caller starts it and must stop it. */
export async function createCockpitCore(options: CoreOptions): Promise<CockpitCore> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const http = options.http ?? createHttpClient({ logger });
  const demos = options.demos ?? [];
  // SLO evaluation is a source of its own (kind slo), made from the slo: key: see ARCHITECTURE.md.
  const sloSource = sloSourceFor(config, config.sources);
  // The runbook vault is a derived source too (kind runbooks), made from the runbooks: key.
  const runbooksSource = runbooksSourceFor(config, config.sources);
  const sources: readonly SourceConfig[] = [
    ...config.sources,
    ...(sloSource ? [sloSource] : []),
    ...(runbooksSource ? [runbooksSource] : []),
  ];
  const unstarted = sources.find((source) => source.kind === 'demo' && source.urls.length === 0);
  if (unstarted)
    throw new Error(
      `source "${unstarted.id}": its demo estate is not running; start it with startDemoSources (src/demo/index.js) before creating the core`,
    );

  for (const problem of config.slo?.problems ?? []) logger.warn(`SLO definitions: ${formatProblem(problem)}`);
  const opened = openCache(options.dataDir, { logger, nativeBinding: options.nativeBinding });
  const { cache } = opened;
  cache.forgetSourcesExcept(sources.map((source) => source.id));
  const changes = new ChangeEmitter();
  const producesBySource = new Map(sources.map((source) => [source.id, connectorFor(source).produces]));
  const lastStatus = new Map<string, SourceStatus>();
  const policy = config.notifications.policy ?? DEFAULT_POLICY;
  const escalation = createEscalationChannel({
    http,
    webhooks: config.notifications.webhooks ?? [],
    afterMs: policy.escalationAfterMs,
    steps: escalationSteps(policy),
    now: () => clock.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
    onChange: () => changes.emit(['notifications']),
  });
  const notifier = createAlertNotifier({
    policy,
    claimedIds: () => new Set(cache.acks.openAll().keys()),
    // Teams and labels are not in the narrow read: look them up only when a filter needs them.
    matches: hasFilters(policy.filters)
      ? (alert) =>
          matchesFilters({ ...alert, labels: cache.alerts.getAlert(alert.id)?.labels ?? {} }, policy.filters)
      : undefined,
    onEscalate: (alerts) => {
      escalation.escalate(alerts);
      // `escalated` is computed when the api answers: tell the screens it is time to ask again.
      changes.emit(['alerts']);
    },
    // A narrow indexed read (never the wide rows): this runs after every poll that changed the alerts.
    firing: (severity, limit) => cache.alerts.firingSummaries(Math.min(...severity.map(severityRank)), limit),
    readySourceIds: () =>
      new Set([...lastStatus.values()].filter((status) => status.state === 'ok').map((s) => s.sourceId)),
    now: () => clock.now(),
    minSeverity: config.notifications.minSeverity,
    onError: (error) =>
      logger.warn('could not decide notifications', {
        error: error instanceof Error ? error.message : String(error),
      }),
  });

  function onResult(result: PollResult): void {
    const previous = lastStatus.get(result.status.sourceId);
    lastStatus.set(result.status.sourceId, result.status);
    // A failed poll has no products: only its status is written, and the data stays, stale.
    const applied = cache.applyPoll(result.status, result.products ?? {});
    if ((result.products?.alerts?.alerts.length ?? 0) >= LARGE_POLL_RECORDS) releaseMemorySoon();
    const topics = topicsFor(result, previous, applied, producesBySource.get(result.status.sourceId) ?? []);
    changes.emit(topics);
    if (topics.includes('alerts')) notifier.check();
    const events = applied.alerts?.events ?? [];
    // Claims end with their alert, and their silences are kept while it fires; beside the poll, never in it.
    if (applied.alerts !== undefined) {
      void ackKeeper.afterPoll(result.status.sourceId, events).catch((error: unknown) =>
        logger.warn('could not keep the claims', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }

  const poller = createPoller({
    sources,
    connectorFor,
    http,
    clock,
    logger,
    onResult,
    // A warm restart stays cheap: a loop's first poll compares with the hashes the cache kept.
    seedFor: (source) => ({
      alertSourceHash: cache.alerts.sourceHashLookup(source.id),
      runbooks: {
        alertRunbookUrls: (limit) => cache.runbooks.alertRunbookUrls(limit),
        validators: (id) => cache.runbooks.validators(id),
      },
    }),
    initialStatuses: cache.sources.list(),
  });

  // Statuses carried over from a previous run start as stale (see the poller): record that, so the
  // cached alerts are marked stale until the first poll confirms them.
  for (const status of poller.statuses()) {
    cache.sources.save(status);
    // So the first poll that turns a carried-over stale source ok also announces the alerts change.
    lastStatus.set(status.sourceId, status);
  }

  const ackKeeper = createAckKeeper({
    acks: cache.acks,
    alerts: cache.alerts,
    sources,
    connectorFor,
    http,
    clock,
    logger,
    changes,
  });

  const dispatcher = createCockpitDispatcher({
    alerts: cache.alerts,
    audit: cache.audit,
    slo: cache.slo,
    scenarios: cache.scenarios,
    sources,
    statuses: () => poller.statuses(),
    connectorFor,
    http,
    clock,
    logger,
    changes,
    pollNow: (sourceId) => poller.pollNow(sourceId),
    operator: config.operator,
    serviceTitles: config.serviceTitles,
    changeReads: cache.changes,
    freezeRules: config.freezes,
    topology: cache.topology,
    topologyRules: config.topology?.mapping ?? [],
    runbooks: cache.runbooks,
    ...(config.runbooks ? { runbookMaxAgeMs: config.runbooks.maxAgeMs } : {}),
    acks: cache.acks,
    notificationPolicy: policy,
    notificationControl: notifier,
    deliveryProblems: () => escalation.problems(),
  });

  let pruneTimer: NodeJS.Timeout | undefined;
  // Repeats and escalations come due between polls too (a quiet estate emits no change events).
  let ringTimer: NodeJS.Timeout | undefined;
  const prune = () => {
    const cutoff = clock.now() - config.historyRetentionDays * 86_400_000;
    const removed = cache.alerts.pruneHistory(cutoff) + cache.slo.pruneHistory(cutoff);
    if (removed > 0) logger.info('pruned old history', { removed });
    const topologyRemoved = cache.topology.pruneBefore(cutoff);
    if (topologyRemoved > 0) logger.info('pruned old topology', { removed: topologyRemoved });
    const changesRemoved = cache.changes.pruneBefore(cutoff);
    if (changesRemoved > 0) logger.info('pruned old changes', { removed: changesRemoved });
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
    notifications: notifier,
    start() {
      poller.start();
      prune();
      pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
      pruneTimer.unref();
      ringTimer = setInterval(() => notifier.check(), RING_CHECK_MS);
      ringTimer.unref();
    },
    async stop() {
      clearInterval(pruneTimer);
      clearInterval(ringTimer);
      await poller.stop();
      await Promise.allSettled(demos.map((demo) => demo.close()));
      cache.close();
    },
  };
}
