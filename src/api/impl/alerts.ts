import { userInfo } from 'node:os';
import { groupBoardParts } from '../../analysis/board.js';
import type { SourceConfig } from '../../config/schema.js';
import type { Connector } from '../../connectors/types.js';
import type { AckRecord, Clock, LocalizedText, NotificationPolicy } from '../../domain/index.js';
import { DEFAULT_POLICY } from '../../notifications/policy.js';
import { withAck } from './acks.js';
import { SourceError } from '../../connectors/types.js';
import type {
  Alert,
  AlertFilter,
  AlertHistoryEvent,
  BoardPart,
  Page,
  SourceStatus,
  Timeline,
} from '../../domain/index.js';
import type { IHttpClient } from '../../http/types.js';
import type { Logger } from '../../logger.js';
import { ApiFailure } from '../dispatch.js';
import type { ALERT_SPEC } from '../spec/alerts.js';
import type { TopologyModel } from './topology.js';
import type { HandlersOf } from '../spec/types.js';
import { createTimelineBackfill } from './timeline-backfill.js';

export type AlertReads = Readonly<{
  listAlerts(filter: AlertFilter): Page<Alert>;
  getAlert(id: string): Alert | undefined;
  getHistory(alertId: string): readonly AlertHistoryEvent[];
  boardParts(): readonly BoardPart[];
  timeline(fromMs: number, toMs: number, bucketMs: number): Timeline;
}>;

export type AlertHandlerDeps = Readonly<{
  /** The alert store's reads (src/cache/alerts/). */
  alerts: AlertReads;
  sources: readonly SourceConfig[];
  /** Live statuses from the poller (fresher than the cache's copy). */
  statuses: () => readonly SourceStatus[];
  connectorFor: (source: SourceConfig) => Connector;
  http: IHttpClient;
  clock: Clock;
  logger: Logger;
  /** Asks the poller to poll a source now, so a command is confirmed without waiting an interval. */
  pollNow: (sourceId: string) => Promise<void>;
  operator?: string;
  /** Service display names (config `services:`), put on the board's groups. */
  serviceTitles?: Readonly<Record<string, LocalizedText>>;
  /** Storm folding and an alert's place in the topology (src/api/impl/topology.ts), when composed. */
  topologyModel?: Pick<TopologyModel, 'foldBoard' | 'alertTopology'>;
  /** The claim ledger's reads: alerts are answered with their claim and escalation (see impl/acks.ts). */
  acks?: Readonly<{
    open(alertId: string): AckRecord | undefined;
    openAll(): ReadonlyMap<string, AckRecord>;
  }>;
  notificationPolicy?: NotificationPolicy;
}>;

function defaultOperator(): string {
  try {
    return userInfo().username || 'on-call';
  } catch {
    return 'on-call';
  }
}

function unsupported(alert: Alert, what: string): ApiFailure {
  return new ApiFailure('unsupported', `source "${alert.sourceId}" does not support ${what}`);
}

/** Runs a connector action; its failure becomes a `source-error` whose message is the sentence. */
async function asSourceFailure<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new ApiFailure(
      'source-error',
      error instanceof SourceError
        ? error.message
        : `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The alert methods over the alert store, the poller's statuses and the connectors' actions. */
export function createAlertHandlers(deps: AlertHandlerDeps): HandlersOf<typeof ALERT_SPEC> {
  const { alerts } = deps;
  const policy = deps.notificationPolicy ?? DEFAULT_POLICY;
  const titles = deps.serviceTitles ?? {};
  // Own keys only: a service called "constructor" has no title from Object.prototype.
  const titleOf = (service: string | undefined) =>
    service !== undefined && Object.hasOwn(titles, service) ? titles[service] : undefined;
  const decorate = (alert: Alert, open: AckRecord | undefined) => {
    const decorated = withAck(alert, open, policy, deps.clock.now());
    const serviceTitle = titleOf(alert.service);
    return serviceTitle ? { ...decorated, serviceTitle } : decorated;
  };
  const sourceById = new Map(deps.sources.map((source) => [source.id, source]));
  const backfill = createTimelineBackfill(deps);

  /** The alert, its source, what the source's connector can do, and a context to do it in. */
  function actionsFor(id: string) {
    const alert = alerts.getAlert(id);
    if (!alert) throw new ApiFailure('not-found', `alert ${id} is not in the cache (it may have resolved)`);
    const source = sourceById.get(alert.sourceId);
    if (!source) throw new ApiFailure('unsupported', `source "${alert.sourceId}" is no longer configured`);
    const ctx = {
      source,
      http: deps.http,
      clock: deps.clock,
      logger: deps.logger,
      signal: new AbortController().signal,
    };
    return { alert, source, actions: deps.connectorFor(source).actions, ctx };
  }

  // The next poll confirms a command; ask for it now rather than in one interval.
  const confirmSoon = (sourceId: string) => void deps.pollNow(sourceId).catch(() => undefined);

  return {
    async listAlerts(filter) {
      const open = deps.acks?.openAll() ?? new Map<string, AckRecord>();
      const page = alerts.listAlerts(filter.unclaimed ? { ...filter, excludeIds: [...open.keys()] } : filter);
      return { ...page, items: page.items.map((alert) => decorate(alert, open.get(alert.id))) };
    },

    async getAlert({ id }) {
      const alert = alerts.getAlert(id);
      if (!alert) throw new ApiFailure('not-found', `alert ${id} is not in the cache (it may have resolved)`);
      const topology = deps.topologyModel?.alertTopology(alert);
      return {
        ...decorate(alert, deps.acks?.open(id)),
        history: alerts.getHistory(id),
        ...(topology ? { topology } : {}),
      };
    },

    async getTimeline({ hours, bucketMinutes }) {
      const bucketMs = bucketMinutes * 60_000;
      const to = Math.floor(deps.clock.now() / bucketMs) * bucketMs + bucketMs;
      return backfill(alerts.timeline(to - hours * 3_600_000, to, bucketMs));
    },

    async getBoard({ fold }) {
      const stale = new Set(
        deps
          .statuses()
          .filter((status) => status.state === 'stale' || status.state === 'error')
          .map((status) => status.sourceId),
      );
      const parts = alerts.boardParts();
      const total = parts.reduce((sum, part) => sum + part.count, 0);
      const groups = groupBoardParts(parts, stale).map((group) => {
        const title = titleOf(group.service);
        return title ? { ...group, title } : group;
      });
      const board = { total, groups };
      return fold && deps.topologyModel ? deps.topologyModel.foldBoard(board) : board;
    },

    async silenceAlert({ id, durationMinutes, comment, createdBy }) {
      const { alert, source, actions, ctx } = actionsFor(id);
      const silence = actions?.silence;
      if (!silence) throw unsupported(alert, 'silences');
      const result = await asSourceFailure('silencing', () =>
        silence(ctx, {
          fingerprint: alert.fingerprint,
          labels: alert.labels,
          durationMinutes,
          comment,
          createdBy: createdBy ?? deps.operator ?? defaultOperator(),
        }),
      );
      deps.logger.info('silence created', { sourceId: source.id, alertId: alert.id, silenceId: result.id });
      confirmSoon(source.id);
      return result;
    },

    async getAlertSilences({ id }) {
      const { alert, actions, ctx } = actionsFor(id);
      if (alert.silencedBy.length === 0) return [];
      const getSilences = actions?.getSilences;
      if (!getSilences) throw unsupported(alert, 'reading silences');
      return asSourceFailure('reading the silences', () => getSilences(ctx, alert.silencedBy));
    },

    async unsilenceAlert({ id, silenceId }) {
      const { alert, source, actions, ctx } = actionsFor(id);
      const expire = actions?.expireSilence;
      if (!expire) throw unsupported(alert, 'unsilencing');
      if (silenceId !== undefined && !alert.silencedBy.includes(silenceId)) {
        throw new ApiFailure(
          'not-found',
          `silence ${silenceId} does not mute alert ${alert.id} (its silences: ${alert.silencedBy.join(', ') || 'none'})`,
        );
      }
      const ids = silenceId === undefined ? alert.silencedBy : [silenceId];
      if (ids.length === 0) throw new ApiFailure('not-found', `alert ${alert.id} has no silence to end`);
      for (const each of ids) await asSourceFailure('unsilencing', () => expire(ctx, each));
      deps.logger.info('silences expired', {
        sourceId: source.id,
        alertId: alert.id,
        silenceIds: ids.join(', '),
      });
      confirmSoon(source.id);
      return { expired: ids };
    },

    async extendSilence({ id, silenceId, durationMinutes }) {
      const { alert, source, actions, ctx } = actionsFor(id);
      const extend = actions?.extendSilence;
      if (!extend) throw unsupported(alert, 'extending silences');
      if (!alert.silencedBy.includes(silenceId)) {
        throw new ApiFailure('not-found', `silence ${silenceId} does not mute alert ${alert.id}`);
      }
      const result = await asSourceFailure('extending the silence', () =>
        extend(ctx, silenceId, durationMinutes),
      );
      deps.logger.info('silence extended', { sourceId: source.id, alertId: alert.id, silenceId: result.id });
      confirmSoon(source.id);
      return result;
    },
  };
}
