import type { RunbookHandlerDeps } from '../../../src/api/impl/runbooks.js';
import { createRunbookHandlers } from '../../../src/api/impl/runbooks.js';
import type { Cache } from '../../../src/cache/index.js';
import type { RunbookSettings } from '../../../src/config/runbooks.js';
import { RUNBOOKS_SOURCE_ID } from '../../../src/connectors/runbooks/config.js';
import type { RunbooksSourceConfig } from '../../../src/connectors/runbooks/config.js';
import { runbooksConnector } from '../../../src/connectors/runbooks/index.js';
import type { RunbooksState } from '../../../src/connectors/runbooks/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import { systemClock } from '../../../src/domain/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { Logger } from '../../../src/logger.js';

export function settings(overrides: Partial<RunbookSettings> = {}): RunbookSettings {
  return {
    folders: [],
    prefetch: true,
    maxAgeMs: 90 * 86_400_000,
    intervalMs: 60_000,
    refreshMs: 60_000,
    maxPageBytes: 1024 * 1024,
    fetchFrom: [],
    auth: [],
    ...overrides,
  };
}

/** The runbooks source polled by hand into a real cache, with a clock the test moves. */
export function vault(
  cache: Cache,
  runbookSettings: RunbookSettings,
  urls: () => string[] = () => [],
  ruleSources: RunbooksSourceConfig['ruleSources'] = [],
  logger: Logger = silentLogger,
) {
  let nowMs = Date.parse('2026-12-02T08:00:00Z');
  const source: RunbooksSourceConfig = {
    id: RUNBOOKS_SOURCE_ID,
    kind: 'runbooks',
    name: 'Runbooks',
    urls: [],
    intervalMs: runbookSettings.intervalMs,
    timeoutMs: 60_000,
    tls: { insecureSkipVerify: false },
    maxBytes: runbookSettings.maxPageBytes,
    runbooks: runbookSettings,
    ruleSources,
  };
  const state: RunbooksState = runbooksConnector.createState(source, {
    runbooks: { alertRunbookUrls: () => urls(), validators: (id) => cache.runbooks.validators(id) },
  });
  const http = createHttpClient({ logger: silentLogger });
  const clock = { ...systemClock, now: () => nowMs };
  const deps: RunbookHandlerDeps = {
    runbooks: cache.runbooks,
    alerts: { getAlert: () => undefined },
    clock,
  };
  return {
    api: createRunbookHandlers(deps),
    advance(ms: number) {
      nowMs += ms;
    },
    async poll() {
      const products = await runbooksConnector.poll(
        { source, http, clock, logger, signal: new AbortController().signal },
        state,
      );
      return cache.applyPoll(
        { sourceId: RUNBOOKS_SOURCE_ID, state: 'ok', consecutiveFailures: 0, itemCount: 0 },
        products,
      );
    },
  };
}
