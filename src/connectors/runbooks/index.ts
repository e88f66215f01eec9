import type { RunbookBatch } from '../../domain/index.js';
import { SourceError } from '../types.js';
import type { Connector, StateSeed } from '../types.js';
import { RUNBOOKS_SOURCE_ID, refusedRunbooksSourceSchema } from './config.js';
import type { RunbooksSourceConfig } from './config.js';
import { scanFolder } from './folders.js';
import { prefetch } from './prefetch.js';
import type { PrefetchState } from './prefetch.js';
import { ruleRunbookUrls } from './rules.js';

/** At most this many `runbook_url`s are kept prefetched. */
export const MAX_PREFETCHED_URLS = 2000;

export type RunbooksState = PrefetchState & { seed?: StateSeed['runbooks'] };

/** The cached alerts' URLs first, then the rules' that no alert names yet; at most `limit`. */
export function urlsToPrefetch(alertUrls: readonly string[], ruleUrls: readonly string[], limit: number) {
  return [...new Set([...alertUrls, ...ruleUrls])].slice(0, limit);
}

/**
 * The runbook vault's source: every poll rescans the folders (unchanged files are only confirmed)
 * and fetches the `runbook_url`s of the cached alerts, and of the alerting rules the Prometheus
 * sources report, that are due. A poll fails only when nothing could be read at all; one bad file
 * or page is a sentence on that runbook, its stored revision stays.
 */
export const runbooksConnector: Connector<RunbooksSourceConfig, RunbooksState> = {
  kind: 'runbooks',
  configSchema: refusedRunbooksSourceSchema,
  produces: ['runbooks'],
  createState: (_source, seed) => ({
    lastAttemptMs: new Map(),
    ...(seed?.runbooks ? { seed: seed.runbooks } : {}),
  }),
  async poll(ctx, state) {
    const settings = ctx.source.runbooks;
    const validators = state.seed?.validators ?? (() => undefined);
    const nowMs = ctx.clock.now();
    const nowIso = new Date(nowMs).toISOString();
    const batch: {
      documents: RunbookBatch['documents'][number][];
      confirmed: RunbookBatch['confirmed'][number][];
      failed: RunbookBatch['failed'][number][];
    } = {
      documents: [],
      confirmed: [],
      failed: [],
    };
    const folderIds: string[] = [];
    let complete = true;
    let foldersRead = 0;
    for (const folder of settings.folders) {
      const scan = await scanFolder(folder, nowIso, settings.maxPageBytes, validators);
      batch.documents.push(...scan.documents);
      batch.confirmed.push(...scan.confirmed);
      batch.failed.push(...scan.failed);
      folderIds.push(...scan.ids);
      if (scan.complete) foldersRead += 1;
      else complete = false;
    }
    let pages = { attempted: 0, failed: 0 };
    if (settings.prefetch && state.seed) {
      const rules = await ruleRunbookUrls(ctx.http, ctx.source.ruleSources, MAX_PREFETCHED_URLS, ctx.signal);
      for (const problem of rules.problems) ctx.logger.warn(problem);
      const urls = urlsToPrefetch(
        state.seed.alertRunbookUrls(MAX_PREFETCHED_URLS),
        rules.urls,
        MAX_PREFETCHED_URLS,
      );
      const fetched = await prefetch(ctx.http, urls, settings, validators, state, nowMs, ctx.signal);
      batch.documents.push(...fetched.documents);
      batch.confirmed.push(...fetched.confirmed);
      batch.failed.push(...fetched.failed);
      pages = { attempted: fetched.attempted, failed: fetched.failed.length };
    }
    if (
      settings.folders.length > 0 &&
      foldersRead === 0 &&
      pages.attempted > 0 &&
      pages.failed === pages.attempted
    ) {
      throw new SourceError(
        `source "${RUNBOOKS_SOURCE_ID}": no runbook folder could be read and every runbook page failed (${batch.failed[0]?.problem ?? 'unknown'}); the cached runbooks stay readable`,
      );
    }
    return {
      runbooks: {
        sourceId: ctx.source.id,
        ...batch,
        // Only a complete scan of every folder may say which folder runbooks are gone.
        ...(complete ? { folderIds } : {}),
      },
    };
  },
  actions: {},
};
