import { userInfo } from 'node:os';
import { groupBoardParts } from '../../analysis/board.js';
import type { SourceConfig } from '../../config/schema.js';
import type { Connector } from '../../connectors/types.js';
import type { Clock } from '../../domain/index.js';
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
import type { HandlersOf } from '../spec/types.js';

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
}>;

function defaultOperator(): string {
  try {
    return userInfo().username || 'on-call';
  } catch {
    return 'on-call';
  }
}

/** The alert methods over the alert store, the poller's statuses and the connectors' actions. */
export function createAlertHandlers(deps: AlertHandlerDeps): HandlersOf<typeof ALERT_SPEC> {
  const { alerts } = deps;
  const sourceById = new Map(deps.sources.map((source) => [source.id, source]));
  return {
    async listAlerts(filter) {
      return alerts.listAlerts(filter);
    },

    async getAlert({ id }) {
      const alert = alerts.getAlert(id);
      if (!alert) throw new ApiFailure('not-found', `alert ${id} is not in the cache (it may have resolved)`);
      return { ...alert, history: alerts.getHistory(id) };
    },

    async getTimeline({ hours, bucketMinutes }) {
      const bucketMs = bucketMinutes * 60_000;
      const to = Math.floor(deps.clock.now() / bucketMs) * bucketMs + bucketMs;
      return alerts.timeline(to - hours * 3_600_000, to, bucketMs);
    },

    async getBoard() {
      const stale = new Set(
        deps
          .statuses()
          .filter((status) => status.state === 'stale' || status.state === 'error')
          .map((status) => status.sourceId),
      );
      const parts = alerts.boardParts();
      const total = parts.reduce((sum, part) => sum + part.count, 0);
      return { total, groups: groupBoardParts(parts, stale) };
    },

    async silenceAlert({ id, durationMinutes, comment, createdBy }) {
      const alert = alerts.getAlert(id);
      if (!alert) throw new ApiFailure('not-found', `alert ${id} is not in the cache (it may have resolved)`);
      const source = sourceById.get(alert.sourceId);
      const silence = source ? deps.connectorFor(source).actions?.silence : undefined;
      if (!source || !silence) {
        throw new ApiFailure('unsupported', `source "${alert.sourceId}" does not support silences`);
      }
      const controller = new AbortController();
      try {
        const result = await silence(
          { source, http: deps.http, clock: deps.clock, logger: deps.logger, signal: controller.signal },
          {
            fingerprint: alert.fingerprint,
            labels: alert.labels,
            durationMinutes,
            comment,
            createdBy: createdBy ?? deps.operator ?? defaultOperator(),
          },
        );
        deps.logger.info('silence created', {
          sourceId: source.id,
          alertId: alert.id,
          silenceId: result.silenceId,
        });
        // The next poll confirms the silence; do it now rather than in one interval.
        void deps.pollNow(source.id).catch(() => undefined);
        return result;
      } catch (error) {
        throw new ApiFailure(
          'source-error',
          error instanceof SourceError
            ? error.message
            : `silencing failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
}
