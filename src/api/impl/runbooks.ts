import type { IRunbookStore, RunbookHit } from '../../cache/index.js';
import { DEFAULT_RUNBOOK_MAX_AGE_DAYS, shelfLife } from '../../domain/index.js';
import type { Alert, Clock, RunbookReason, RunbookRecord, RunbookSummary } from '../../domain/index.js';
import { ApiFailure } from '../dispatch.js';
import type { RUNBOOK_SPEC } from '../spec/runbooks.js';
import type { HandlersOf } from '../spec/types.js';

export type RunbookHandlerDeps = Readonly<{
  runbooks: IRunbookStore;
  alerts: Readonly<{ getAlert(id: string): Alert | undefined }>;
  clock: Clock;
  /** `runbooks.maxAge` (shelf life). */
  runbookMaxAgeMs?: number;
}>;

const DAY_MS = 86_400_000;
const SUGGESTIONS = 5;

/** The shelf, the reader and an alert's runbooks; shelf life is worked out when the api answers. */
export function createRunbookHandlers(deps: RunbookHandlerDeps): HandlersOf<typeof RUNBOOK_SPEC> {
  const maxAgeMs = deps.runbookMaxAgeMs ?? DEFAULT_RUNBOOK_MAX_AGE_DAYS * DAY_MS;
  const maxAgeDays = Math.round(maxAgeMs / DAY_MS);

  function summary(hit: RunbookHit): RunbookSummary {
    const life = shelfLife(hit, deps.clock.now(), maxAgeMs);
    return {
      id: hit.id,
      title: hit.title,
      snippet: hit.snippet,
      services: hit.services,
      ...(hit.owner === undefined ? {} : { owner: hit.owner }),
      source: hit.source,
      location: hit.location,
      fetchedAt: hit.fetchedAt,
      revision: hit.revision,
      contentStatus: hit.contentStatus,
      ...life,
    };
  }

  function summaryOfRecord(record: RunbookRecord): RunbookSummary {
    return summary({
      ...record,
      snippet: [{ text: record.html ? plainStart(record.body) : '', hit: false }],
    });
  }

  return {
    async listRunbooks(input) {
      const q = input.q?.trim() ? input.q : undefined;
      const found = deps.runbooks.search({
        ...(q ? { q } : {}),
        ...(input.service ? { services: input.service } : {}),
        ...(input.owner ? { owner: input.owner } : {}),
        ...(input.stale === undefined ? {} : { stale: input.stale }),
        nowMs: deps.clock.now(),
        maxAgeMs,
        limit: input.limit,
        offset: input.offset,
      });
      return { total: found.total, items: found.items.map(summary), maxAgeDays };
    },

    async getRunbook({ id, revision }) {
      const current = deps.runbooks.get(id);
      if (!current)
        throw new ApiFailure(
          'not-found',
          `runbook ${id} is not in the vault (it may have been removed from its folder)`,
        );
      const record =
        revision && revision !== current.revision ? deps.runbooks.getRevision(id, revision) : current;
      if (!record)
        throw new ApiFailure(
          'not-found',
          `runbook ${id} has no stored revision ${revision ?? ''}; the vault keeps the last few`,
        );
      return {
        ...record,
        ...shelfLife(record, deps.clock.now(), maxAgeMs),
        revisions: deps.runbooks.revisions(id),
        maxAgeDays,
      };
    },

    async getAlertRunbooks({ id }) {
      const alert = deps.alerts.getAlert(id);
      if (!alert) throw new ApiFailure('not-found', `alert ${id} is not in the cache (it may have resolved)`);
      const items: { runbook: RunbookSummary; reason: RunbookReason }[] = [];
      const seen = new Set<string>();
      const add = (runbook: RunbookSummary, reason: RunbookReason) => {
        if (seen.has(runbook.id)) return;
        seen.add(runbook.id);
        items.push({ runbook, reason });
      };
      if (alert.runbookUrl) {
        const linked = deps.runbooks.byLocation(alert.runbookUrl);
        if (linked) add(summaryOfRecord(linked), 'runbook_url');
      }
      const services = alert.service ? [alert.service] : [];
      for (const record of deps.runbooks.linkedTo(alert.name, services, SUGGESTIONS))
        add(summaryOfRecord(record), 'front-matter');
      if (items.length < SUGGESTIONS) {
        const q = [alert.name, alert.service].filter(Boolean).join(' ');
        // Full text over the name and service words, any of them: an OR of single-term searches.
        for (const term of q
          .split(/[\s_-]+/)
          .filter((one) => one.length > 2)
          .slice(0, 4)) {
          for (const hit of deps.runbooks.search({
            q: term,
            nowMs: deps.clock.now(),
            maxAgeMs,
            limit: SUGGESTIONS,
            offset: 0,
          }).items) {
            if (items.length >= SUGGESTIONS * 2) break;
            add(summary(hit), 'full-text');
          }
        }
      }
      return { items, ...(alert.runbookUrl ? { runbookUrl: alert.runbookUrl } : {}) };
    },
  };
}

function plainStart(body: string): string {
  return body
    .replace(/[#>*_`|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 180);
}
