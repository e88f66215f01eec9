import { userInfo } from 'node:os';
import type { z } from 'zod';
import { groupBoardParts } from '../analysis/board.js';
import type { IAlertCache } from '../cache/types.js';
import type { SourceConfig } from '../config/schema.js';
import type { Clock, Connector } from '../connectors/types.js';
import { SourceError } from '../connectors/types.js';
import { SOURCE_STATES } from '../domain/index.js';
import type { SourceInfo, SourceState, SourceStatus } from '../domain/index.js';
import type { IHttpClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { ChangeEmitter } from './change-emitter.js';
import { alertFilterSchema, alertIdSchema, silenceInputSchema, timelineInputSchema } from './contract.js';
import type { ApiError, ICockpitApi, Overview, Result } from './contract.js';

export type CockpitApiDeps = Readonly<{
  cache: IAlertCache;
  sources: readonly SourceConfig[];
  /** Live statuses from the poller (fresher than the cache's copy). */
  statuses: () => readonly SourceStatus[];
  connectorFor: (source: SourceConfig) => Connector;
  http: IHttpClient;
  clock: Clock;
  logger: Logger;
  changes: ChangeEmitter;
  /** Asks the poller to poll a source now, so a command is confirmed without waiting an interval. */
  pollNow: (sourceId: string) => Promise<void>;
  operator?: string;
}>;

/** Thrown by the api for bad input; the hosts turn it into an `invalid-input` error. */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** Parses api input; the message names the field and what is wrong. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new InvalidInputError(`${field}${issue?.message ?? 'invalid input'}`);
}

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function defaultOperator(): string {
  try {
    return userInfo().username || 'on-call';
  } catch {
    return 'on-call';
  }
}

/** The CockpitApi over the cache, the poller's statuses and the connectors' actions. */
export function createCockpitApi(deps: CockpitApiDeps): ICockpitApi {
  const { cache, changes } = deps;
  const sourceById = new Map(deps.sources.map((source) => [source.id, source]));

  function statusOf(sourceId: string): SourceStatus {
    return (
      deps.statuses().find((status) => status.sourceId === sourceId) ?? {
        sourceId,
        state: 'pending',
        consecutiveFailures: 0,
        itemCount: 0,
      }
    );
  }

  return {
    async getOverview(): Promise<Overview> {
      const counts = cache.countAlerts();
      const statuses = deps.sources.map((source) => statusOf(source.id));
      const bySourceState = Object.fromEntries(SOURCE_STATES.map((state) => [state, 0])) as Record<
        SourceState,
        number
      >;
      for (const status of statuses) bySourceState[status.state] += 1;
      const successes = statuses.map((status) => status.lastSuccessAt).filter((at): at is string => !!at);
      successes.sort();
      return {
        ...counts,
        sources: { ...bySourceState, total: statuses.length },
        lastUpdatedAt: successes.at(-1),
        oldestUpdatedAt: successes[0],
        generatedAt: new Date(deps.clock.now()).toISOString(),
        version: changes.version,
      };
    },

    async listAlerts(filter) {
      return cache.listAlerts(parseInput(alertFilterSchema, filter ?? {}));
    },

    async getAlert(id) {
      const alertIdValue = parseInput(alertIdSchema, id);
      const alert = cache.getAlert(alertIdValue);
      if (!alert) return undefined;
      return { ...alert, history: cache.getHistory(alertIdValue) };
    },

    async listSources() {
      const sources: SourceInfo[] = deps.sources.map((source) => ({
        ...statusOf(source.id),
        id: source.id,
        kind: source.kind,
        name: source.name,
        urls: source.urls,
        insecureTls: source.tls.insecureSkipVerify,
      }));
      return { sources };
    },

    async getTimeline(input) {
      const { hours, bucketMinutes } = parseInput(timelineInputSchema, input ?? {});
      const bucketMs = bucketMinutes * 60_000;
      const to = Math.floor(deps.clock.now() / bucketMs) * bucketMs + bucketMs;
      return cache.timeline(to - hours * 3_600_000, to, bucketMs);
    },

    async getBoard() {
      const stale = new Set(
        deps
          .statuses()
          .filter((status) => status.state === 'stale' || status.state === 'error')
          .map((status) => status.sourceId),
      );
      const parts = cache.boardParts();
      const total = parts.reduce((sum, part) => sum + part.count, 0);
      return { total, groups: groupBoardParts(parts, stale) };
    },

    async silenceAlert(id, input) {
      let parsedInput: z.output<typeof silenceInputSchema>;
      let alertIdValue: string;
      try {
        alertIdValue = parseInput(alertIdSchema, id);
        parsedInput = parseInput(silenceInputSchema, input);
      } catch (error) {
        return failure('invalid-input', error instanceof Error ? error.message : String(error));
      }
      const alert = cache.getAlert(alertIdValue);
      if (!alert)
        return failure('not-found', `alert ${alertIdValue} is not in the cache (it may have resolved)`);
      const source = sourceById.get(alert.sourceId);
      const connector = source ? deps.connectorFor(source) : undefined;
      const silence = connector?.actions?.silence;
      if (!source || !silence) {
        return failure('unsupported', `source "${alert.sourceId}" does not support silences`);
      }
      const controller = new AbortController();
      try {
        const result = await silence(
          { source, http: deps.http, clock: deps.clock, logger: deps.logger, signal: controller.signal },
          {
            fingerprint: alert.fingerprint,
            labels: alert.labels,
            durationMinutes: parsedInput.durationMinutes,
            comment: parsedInput.comment,
            createdBy: parsedInput.createdBy ?? deps.operator ?? defaultOperator(),
          },
        );
        deps.logger.info('silence created', {
          sourceId: source.id,
          alertId: alert.id,
          silenceId: result.silenceId,
        });
        // The next poll confirms the silence; do it now rather than in one interval.
        void deps.pollNow(source.id).catch(() => undefined);
        return { ok: true, value: result };
      } catch (error) {
        const message =
          error instanceof SourceError
            ? error.message
            : `silencing failed: ${error instanceof Error ? error.message : String(error)}`;
        return failure('source-error', message);
      }
    },

    onDidChange(listener) {
      return changes.on(listener);
    },
  };
}
