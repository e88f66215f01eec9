import type { SourceConfig } from '../../config/schema.js';
import type { Connector, FiringHistoryPoint } from '../../connectors/types.js';
import { SourceError } from '../../connectors/types.js';
import type { Clock, SeverityCounts, Timeline } from '../../domain/index.js';
import type { IHttpClient } from '../../http/types.js';
import type { Logger } from '../../logger.js';

export type TimelineBackfillDeps = Readonly<{
  sources: readonly SourceConfig[];
  connectorFor: (source: SourceConfig) => Connector;
  http: IHttpClient;
  clock: Clock;
  logger: Logger;
}>;

/** How long one ask may take: the chart waits for it (it answers without the backfill when it fails). */
const ASK_TIMEOUT_MS = 5_000;
/** After a failed ask, the chart is drawn without a backfill this long before Prometheus is asked again. */
const RETRY_AFTER_MS = 60_000;

/**
 * Fills the war-room chart before the cockpit's own first record from the backends' own alert history
 * (Prometheus's `ALERTS`), so a fresh start does not draw six flat hours while cards say "for 6d".
 *
 * The span before the first record never changes, so each instant is asked once and kept; as the
 * window slides nothing new is asked. Sources whose connector has `firingHistory` are asked, one per
 * distinct URL set (a `prometheus` source and the `slo` source over the same server count once), and
 * their counts add up. A failed ask leaves the gap shaded, with the sentence, for a minute.
 */
export function createTimelineBackfill(deps: TimelineBackfillDeps) {
  const askable = distinctByUrls(
    deps.sources.filter((source) => deps.connectorFor(source).actions.firingHistory),
  );
  const known = new Map<number, SeverityCounts>();
  let failure: Readonly<{ at: number; message: string }> | undefined;
  let inFlight: Promise<void> | undefined;

  async function ask(fromMs: number, toMs: number, stepMs: number): Promise<void> {
    const answers = await Promise.all(
      askable.map(async (source) => {
        const history = deps.connectorFor(source).actions.firingHistory;
        if (!history) return [];
        const ctx = {
          source,
          http: deps.http,
          clock: deps.clock,
          logger: deps.logger,
          signal: AbortSignal.timeout(ASK_TIMEOUT_MS),
        };
        return history(ctx, { fromMs, toMs, stepMs });
      }),
    );
    const sums = new Map<number, Record<keyof SeverityCounts, number>>();
    for (const point of answers.flat() as FiringHistoryPoint[]) {
      const sum = sums.get(point.atMs) ?? { critical: 0, high: 0, warning: 0, info: 0 };
      for (const key of Object.keys(sum) as (keyof SeverityCounts)[]) sum[key] += point.counts[key];
      sums.set(point.atMs, sum);
    }
    for (const [at, counts] of sums) known.set(at, counts);
  }

  return async function backfill(timeline: Timeline): Promise<Timeline> {
    if (!timeline.historyStartsAt || askable.length === 0) return timeline;
    const until = Date.parse(timeline.historyStartsAt);
    const fromMs = Date.parse(timeline.from);
    const stepMs = timeline.bucketMinutes * 60_000;
    for (const at of known.keys()) if (at < fromMs) known.delete(at);
    const missing = timeline.buckets
      .map((bucket) => Date.parse(bucket.at))
      .filter((at) => at < until && !known.has(at));
    const now = deps.clock.now();
    if (missing.length > 0 && !(failure && now - failure.at < RETRY_AFTER_MS)) {
      inFlight ??= ask(Math.min(...missing), Math.max(...missing), stepMs)
        .then(() => {
          failure = undefined;
        })
        .catch((error: unknown) => {
          const message =
            error instanceof SourceError || error instanceof Error ? error.message : String(error);
          failure = { at: deps.clock.now(), message };
          deps.logger.warn('timeline backfill failed', { error: message });
        })
        .finally(() => {
          inFlight = undefined;
        });
      await inFlight;
    }
    const covered = timeline.buckets.every((bucket) => {
      const at = Date.parse(bucket.at);
      return at >= until || known.has(at);
    });
    if (!covered) {
      return failure
        ? { ...timeline, backfillError: `Prometheus's ALERTS could not be read: ${failure.message}` }
        : timeline;
    }
    const { historyStartsAt: _ownStart, ...rest } = timeline;
    return {
      ...rest,
      buckets: timeline.buckets.map((bucket) => {
        const at = Date.parse(bucket.at);
        const counts = at < until ? known.get(at) : undefined;
        return counts ? { at: bucket.at, ...counts } : bucket;
      }),
      backfill: { until: timeline.historyStartsAt, sourceIds: askable.map((source) => source.id) },
    };
  };
}

function distinctByUrls(sources: readonly SourceConfig[]): SourceConfig[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = [...source.urls].sort().join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
