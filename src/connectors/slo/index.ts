import { evaluateSlo, failedSlo } from '../../analysis/slo/evaluate.js';
import type { SloMeasurements } from '../../analysis/slo/evaluate.js';
import {
  ALL_WINDOW_KEYS,
  combinedSloQuery,
  LONG_WINDOW_KEYS,
  readCombinedAnswer,
  SHORT_WINDOW_KEYS,
} from '../../analysis/slo/queries.js';
import type { RecordedWindows } from '../../analysis/slo/queries.js';
import {
  fromSlothRules,
  PYRRA_DISCOVERY_QUERY,
  pyrraRecordedQueries,
  pyrraRuleKey,
  slothDiscoveryQuery,
} from '../../analysis/slo/recording-rules.js';
import { retentionMs } from '../../analysis/slo/windows.js';
import { DEFAULT_SEVERITY_MAPPING } from '../../domain/index.js';
import type { BurnWindow, PollProducts, SloDefinition, SloStatus } from '../../domain/index.js';
import { prometheusFiringHistory } from '../prometheus/firing-history.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { refusedSloSourceSchema } from './config.js';
import type { SloSourceConfig } from './config.js';
import { QueryRejected, instantQuery, storageRetention } from './prometheus-api.js';

/** Never more requests than this in flight to one Prometheus (the issue's limit). */
export const MAX_IN_FLIGHT = 8;
const RETENTION_TTL_MS = 10 * 60_000;
/** How old the long windows' answers (1d, 3d, the SLO window) may be before they are asked again. */
export const LONG_WINDOW_REFRESH_MS = 5 * 60_000;

/** The long windows' last answer for one SLO, and for which definition (an edit asks again). */
type LongWindows = Readonly<{ at: number; definition: SloDefinition; measurements: SloMeasurements }>;

export type SloState = {
  retention?: Readonly<{ ms?: number; readAt: number }>;
  long?: ReadonlyMap<string, LongWindows>;
};

/** The long windows of `measurements` (what is kept between polls). */
function longPart(measurements: SloMeasurements): SloMeasurements {
  const windows = Object.fromEntries(
    Object.entries(measurements.windows).filter(([window]) => LONG_WINDOW_KEYS.includes(window as never)),
  );
  return { slo: measurements.slo, windows };
}

/** This poll's short windows with the kept long ones. */
function merged(short: SloMeasurements, long: SloMeasurements): SloMeasurements {
  return { slo: long.slo, windows: { ...long.windows, ...short.windows } };
}

/** Runs `work` over `items` with at most `limit` at once, in order of the items. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function where(definition: SloDefinition): string {
  const { file, line } = definition.origin;
  return file ? `${file}${line === undefined ? '' : `:${line}`}` : 'slo.objectives in cockpit.yaml';
}

type Outcome = { status: SloStatus; long?: LongWindows } | { failed: SloStatus; transport?: SourceError };

async function evaluateOne(
  ctx: ConnectorContext<SloSourceConfig>,
  definition: SloDefinition,
  nowMs: number,
  retention: number | undefined,
  kept: LongWindows | undefined,
  recorded: RecordedWindows = {},
): Promise<Outcome> {
  const { slo } = ctx.source;
  // The long windows barely move in a few minutes but cost Prometheus most: reuse their last answer.
  const reuse =
    kept !== undefined && kept.definition === definition && nowMs - kept.at < LONG_WINDOW_REFRESH_MS;
  try {
    const keys = reuse ? SHORT_WINDOW_KEYS : ALL_WINDOW_KEYS;
    const samples = await instantQuery(ctx, combinedSloQuery(definition, nowMs, keys, recorded), nowMs);
    const read = readCombinedAnswer(definition, samples, recorded);
    if ('problem' in read)
      return { failed: failedSlo(definition, `${read.problem} (${where(definition)})`, nowMs) };
    const measurements = reuse ? merged(read.measurements, kept.measurements) : read.measurements;
    return {
      ...(reuse ? {} : { long: { at: nowMs, definition, measurements: longPart(read.measurements) } }),
      status: evaluateSlo(definition, measurements, {
        nowMs,
        factors: slo.factors,
        minEvents: slo.minEvents,
        retentionMs: retention,
      }),
    };
  } catch (error) {
    if (error instanceof QueryRejected) {
      return {
        failed: failedSlo(
          definition,
          `Prometheus rejected the query: ${error.message}; fix the SLI at ${where(definition)}`,
          nowMs,
        ),
      };
    }
    const transport =
      error instanceof SourceError ? error : new SourceError(`source "${ctx.source.id}": ${String(error)}`);
    return { failed: failedSlo(definition, transport.message, nowMs), transport };
  }
}

/** The Sloth SLOs whose recording rules Prometheus has; none when it cannot say. */
async function slothRuleIds(
  ctx: ConnectorContext<SloSourceConfig>,
  definitions: readonly SloDefinition[],
  nowMs: number,
): Promise<ReadonlySet<string>> {
  const periods = new Set(
    definitions.flatMap((definition) =>
      definition.origin.format === 'sloth' && definition.window.kind === 'rolling'
        ? [definition.window.ms]
        : [],
    ),
  );
  const ids = new Set<string>();
  for (const period of periods) {
    try {
      for (const sample of await instantQuery(ctx, slothDiscoveryQuery(period), nowMs)) {
        const id = sample.metric.sloth_id;
        if (id !== undefined) ids.add(id);
      }
    } catch {
      // No rules, or the question failed: the raw queries answer the same.
    }
  }
  return ids;
}

/** Pyrra's burn-rate rules with exactly one series per SLO; none when Prometheus cannot say. */
async function pyrraRules(
  ctx: ConnectorContext<SloSourceConfig>,
  definitions: readonly SloDefinition[],
  nowMs: number,
): Promise<ReadonlySet<string>> {
  const keys = new Set<string>();
  if (!definitions.some((definition) => definition.pyrraRulePrefix !== undefined)) return keys;
  try {
    for (const sample of await instantQuery(ctx, PYRRA_DISCOVERY_QUERY, nowMs)) {
      const { __name__: rule, slo } = sample.metric;
      if (rule !== undefined && slo !== undefined && sample.value[1] === '1')
        keys.add(pyrraRuleKey(rule, slo));
    }
  } catch {
    // No rules, or the question failed: the raw queries answer the same.
  }
  return keys;
}

/** Evaluates every SLO: one combined instant query per SLO, at most 8 in flight. */
async function poll(ctx: ConnectorContext<SloSourceConfig>, state: SloState): Promise<PollProducts> {
  const nowMs = ctx.clock.now();
  const { definitions } = ctx.source.slo;
  let retention = state.retention;
  if (!retention || nowMs - retention.readAt > RETENTION_TTL_MS) {
    const text = await storageRetention(ctx);
    retention = { ms: text === undefined ? undefined : retentionMs(text), readAt: nowMs };
  }
  const recorded = await slothRuleIds(ctx, definitions, nowMs);
  const pyrra = await pyrraRules(ctx, definitions, nowMs);
  const kept = state.long ?? new Map<string, LongWindows>();
  const outcomes = await mapLimit(definitions, MAX_IN_FLIGHT, async (definition) => {
    const fromPyrra = pyrraRecordedQueries(definition, pyrra);
    const windows = Object.keys(fromPyrra) as BurnWindow[];
    if (windows.length > 0) {
      const outcome = await evaluateOne(
        ctx,
        definition,
        nowMs,
        retention.ms,
        kept.get(definition.id),
        fromPyrra,
      );
      return 'status' in outcome
        ? {
            ...outcome,
            status: { ...outcome.status, readFrom: 'pyrra-rules' as const, recordedWindows: windows },
          }
        : outcome;
    }
    if (definition.origin.format !== 'sloth' || !recorded.has(definition.id))
      return evaluateOne(ctx, definition, nowMs, retention.ms, kept.get(definition.id));
    // Recording rules are cheap to read: every window, every time.
    const outcome = await evaluateOne(ctx, fromSlothRules(definition), nowMs, retention.ms, undefined);
    return 'status' in outcome
      ? { status: { ...outcome.status, readFrom: 'sloth-rules' as const } }
      : outcome;
  });
  const transport = outcomes.flatMap((outcome) =>
    'transport' in outcome && outcome.transport ? [outcome.transport] : [],
  );
  // Prometheus itself unreachable: the whole source is stale and the stored numbers stay as they are.
  if (definitions.length > 0 && transport.length === definitions.length)
    throw transport[0] ?? new SourceError('unreachable');
  state.retention = retention;
  const long = new Map<string, LongWindows>();
  definitions.forEach((definition, index) => {
    const outcome = outcomes[index];
    const fresh = outcome && 'long' in outcome ? outcome.long : undefined;
    const previous = kept.get(definition.id);
    if (fresh) long.set(definition.id, fresh);
    else if (previous && outcome && 'status' in outcome) long.set(definition.id, previous);
  });
  state.long = long;
  return {
    slo: {
      sourceId: ctx.source.id,
      takenAt: new Date(nowMs).toISOString(),
      statuses: outcomes.flatMap((outcome) => ('status' in outcome ? [outcome.status] : [])),
      failed: outcomes.flatMap((outcome) => ('failed' in outcome ? [outcome.failed] : [])),
    },
  };
}

/** SLO evaluation against the Prometheus the `slo:` key names (see ARCHITECTURE.md, "SLOs"). */
export const sloConnector: Connector<SloSourceConfig, SloState> = {
  kind: 'slo',
  configSchema: refusedSloSourceSchema,
  produces: ['slo'],
  createState: () => ({}),
  poll,
  // The Prometheus that answers the SLO queries holds its alerting rules' ALERTS too (the demo's as well).
  actions: {
    firingHistory: (ctx, range) => prometheusFiringHistory(ctx, DEFAULT_SEVERITY_MAPPING, range),
  },
};
