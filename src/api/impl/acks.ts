/**
 * Claims (认领) over the ledger (src/cache/acks/) and the connectors' write-back actions, plus what
 * the core runs after each poll: a claim ends when its alert resolves, and its write-back (a short
 * silence) is extended while the alert still fires.
 */
import type { IAckStore } from '../../cache/index.js';
import type { SourceConfig } from '../../config/schema.js';
import type { Connector, ConnectorContext } from '../../connectors/types.js';
import { SourceError } from '../../connectors/types.js';
import type {
  AckRecord,
  Alert,
  AlertAck,
  AlertHistoryEvent,
  Clock,
  NotificationPolicy,
  NotificationStateView,
} from '../../domain/index.js';
import type { IHttpClient } from '../../http/types.js';
import type { Logger } from '../../logger.js';
import { DEFAULT_POLICY, escalationLevel, escalationSteps } from '../../notifications/policy.js';
import type { NotificationControl } from '../../notifications/notifier.js';
import type { ChangeEmitter } from '../change-emitter.js';
import { ApiFailure } from '../dispatch.js';
import type { ACK_SPEC } from '../spec/acks.js';
import type { HandlersOf } from '../spec/types.js';

export type AckHandlerDeps = Readonly<{
  acks: IAckStore;
  alerts: Readonly<{ getAlert(id: string): Alert | undefined }>;
  sources: readonly SourceConfig[];
  connectorFor: (source: SourceConfig) => Connector;
  http: IHttpClient;
  clock: Clock;
  logger: Logger;
  changes: ChangeEmitter;
  notificationPolicy?: NotificationPolicy;
  notificationControl?: NotificationControl;
  /** One sentence per escalation webhook whose last delivery failed. */
  deliveryProblems?: () => readonly string[];
}>;

/** The claim as an alert on the wire carries it. */
export function wireAck(record: AckRecord): AlertAck {
  return {
    by: record.by,
    at: record.at,
    ...(record.comment ? { comment: record.comment } : {}),
    ...(record.writtenBack ? { writtenBack: record.writtenBack } : {}),
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
    ...(record.writeBackError ? { writeBackError: record.writeBackError } : {}),
  };
}

/**
 * The alert with its claim and escalation. A silence that is only the claim's write-back makes the
 * alert `acknowledged`, not `silenced`: it was claimed, nobody muted it.
 */
export function withAck(
  alert: Alert,
  open: AckRecord | undefined,
  policy: NotificationPolicy,
  now: number,
): Alert {
  const level = escalationLevel(alert, open !== undefined, policy, now);
  if (!open) {
    if (level === 0) return alert;
    const steps = escalationSteps(policy);
    const to = steps[level - 1]?.to;
    return { ...alert, escalated: true, escalation: { level, steps: steps.length, ...(to ? { to } : {}) } };
  }
  const onlyOwnSilence =
    alert.state === 'silenced' &&
    alert.inhibitedBy.length === 0 &&
    alert.silencedBy.every((id) => id === open.writtenBack?.id);
  const state = alert.state === 'firing' || onlyOwnSilence ? 'acknowledged' : alert.state;
  return { ...alert, state, ackedBy: open.by, ack: wireAck(open) };
}

function sentence(error: unknown, what: string): string {
  if (error instanceof SourceError) return error.message;
  return `${what} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** The context a connector action runs in, for an alert's source. */
function contextFor(deps: AckHandlerDeps, sourceId: string) {
  const source = deps.sources.find((each) => each.id === sourceId);
  if (!source) return undefined;
  const ctx: ConnectorContext = {
    source,
    http: deps.http,
    clock: deps.clock,
    logger: deps.logger,
    signal: new AbortController().signal,
  };
  return { ctx, actions: deps.connectorFor(source).actions };
}

/** Undoes a claim's write-back; a failure is logged (the claim has ended in the ledger either way). */
async function undoWriteBack(deps: AckHandlerDeps, record: AckRecord): Promise<string | undefined> {
  if (!record.writtenBack) return undefined;
  const found = contextFor(deps, record.sourceId);
  const undo = found?.actions.unacknowledge;
  if (!found || !undo) return undefined;
  try {
    await undo(found.ctx, record.writtenBack);
    return undefined;
  } catch (error) {
    const message = sentence(error, `ending the write-back of the claim on ${record.alertId}`);
    deps.logger.warn('could not undo a claim write-back', { alertId: record.alertId, error: message });
    return message;
  }
}

function isConflict(error: unknown): error is Error {
  return error instanceof Error && (error as { code?: unknown }).code === 'conflict';
}

export function createAckHandlers(deps: AckHandlerDeps): HandlersOf<typeof ACK_SPEC> {
  const policy = deps.notificationPolicy ?? DEFAULT_POLICY;
  const nowIso = () => new Date(deps.clock.now()).toISOString();
  const announce = () => deps.changes.emit(['alerts']);

  function alertOf(id: string): Alert {
    const alert = deps.alerts.getAlert(id);
    if (!alert) throw new ApiFailure('not-found', `alert ${id} is not in the cache (it may have resolved)`);
    return alert;
  }

  function stateView(): NotificationStateView {
    const until = deps.notificationControl?.snoozedUntil();
    return {
      ...(until === undefined ? {} : { snoozedUntil: new Date(until).toISOString() }),
      quietHoursActive: deps.notificationControl?.quietHoursActive() ?? false,
      escalationAfterMs: policy.escalationAfterMs,
      deliveryProblems: deps.deliveryProblems?.() ?? [],
      tiers: policy.tiers,
    };
  }

  return {
    async ackAlert({ id, by, comment }) {
      const alert = alertOf(id);
      if (alert.state === 'resolved')
        throw new ApiFailure('unsupported', `alert ${id} has resolved; there is nothing to claim`);
      let record: AckRecord;
      try {
        record = deps.acks.claim({
          alertId: id,
          sourceId: alert.sourceId,
          by,
          at: nowIso(),
          ...(comment ? { comment } : {}),
        });
      } catch (error) {
        if (isConflict(error)) throw new ApiFailure('unsupported', error.message);
        throw error;
      }
      // The claim holds in the cockpit at once; the write-back follows (its failure is a sentence on it).
      announce();
      const found = contextFor(deps, alert.sourceId);
      const acknowledge = found?.actions.acknowledge;
      if (found && acknowledge) {
        try {
          const result = await acknowledge(found.ctx, {
            fingerprint: alert.fingerprint,
            labels: alert.labels,
            by,
            ...(comment ? { comment } : {}),
          });
          if (result) {
            deps.acks.setWriteBack(record.id, {
              writtenBack: result.writtenBack,
              ...(result.expiresAt ? { expiresAt: result.expiresAt } : {}),
            });
          }
        } catch (error) {
          deps.acks.setWriteBack(record.id, {
            error: sentence(error, `writing the claim back to "${alert.sourceId}"`),
          });
        }
        announce();
      }
      deps.logger.info('alert claimed', { alertId: id, by });
      return deps.acks.open(id) ?? record;
    },

    async unackAlert({ id, by }) {
      const ended = deps.acks.end(id, 'released', nowIso(), by);
      if (!ended) throw new ApiFailure('not-found', `alert ${id} is not claimed`);
      announce();
      const problem = await undoWriteBack(deps, ended);
      if (problem) throw new ApiFailure('source-error', `the claim is released, but ${problem}`);
      return { ...ended, endedAt: nowIso(), endReason: 'released', ...(by ? { endedBy: by } : {}) };
    },

    async handoverAlert({ id, to, by }) {
      let moved;
      try {
        moved = deps.acks.handOver(id, to, nowIso(), by);
      } catch (error) {
        if (isConflict(error)) throw new ApiFailure('unsupported', error.message);
        throw error;
      }
      announce();
      // The write-back names the holder: a new silence for `to`, then the old one goes.
      const alert = deps.alerts.getAlert(id);
      const found = contextFor(deps, moved.from.sourceId);
      const acknowledge = found?.actions.acknowledge;
      if (moved.from.writtenBack && alert && found && acknowledge) {
        try {
          const result = await acknowledge(found.ctx, {
            fingerprint: alert.fingerprint,
            labels: alert.labels,
            by: to,
            ...(moved.to.comment ? { comment: moved.to.comment } : {}),
          });
          if (result) deps.acks.setWriteBack(moved.to.id, result);
          await undoWriteBack(deps, moved.from);
        } catch (error) {
          deps.acks.setWriteBack(moved.to.id, {
            ...(moved.to.writtenBack ? { writtenBack: moved.to.writtenBack } : {}),
            ...(moved.to.expiresAt ? { expiresAt: moved.to.expiresAt } : {}),
            error: sentence(error, `writing the handover back to "${moved.from.sourceId}"`),
          });
        }
        announce();
      }
      deps.logger.info('claim handed over', { alertId: id, from: moved.from.by, to });
      return deps.acks.open(id) ?? moved.to;
    },

    async getAlertAcks({ id }) {
      return deps.acks.history(id);
    },

    async getNotificationState() {
      return stateView();
    },

    async snoozeNotifications({ minutes }) {
      if (!deps.notificationControl)
        throw new ApiFailure('unsupported', 'this host does not ring, so it cannot snooze');
      deps.notificationControl.snooze(minutes);
      deps.changes.emit(['notifications']);
      return stateView();
    },
  };
}

/** After a poll of a source: claims of resolved alerts end (and their write-back), live ones are kept. */
export type AckKeeper = Readonly<{
  afterPoll(sourceId: string, events: readonly AlertHistoryEvent[]): Promise<void>;
}>;

/** Extend a write-back when less than this share of its length is left. */
const EXTEND_WHEN_LEFT = 1 / 3;

export function createAckKeeper(deps: AckHandlerDeps): AckKeeper {
  return {
    async afterPoll(sourceId, events) {
      let changed = false;
      for (const event of events) {
        if (event.kind !== 'resolved') continue;
        const ended = deps.acks.end(event.alertId, 'resolved', event.at);
        if (!ended) continue;
        changed = true;
        await undoWriteBack(deps, ended);
      }
      const found = contextFor(deps, sourceId);
      const keep = found?.actions.keepAcknowledged;
      const lengthMs =
        (found?.ctx.source as { ackSilenceMs?: number } | undefined)?.ackSilenceMs ?? 15 * 60_000;
      if (found && keep) {
        for (const record of deps.acks.openAll().values()) {
          if (record.sourceId !== sourceId || !record.writtenBack || !record.expiresAt) continue;
          const alert = deps.alerts.getAlert(record.alertId);
          if (!alert || alert.state === 'resolved') continue;
          const left = Date.parse(record.expiresAt) - deps.clock.now();
          if (left > lengthMs * EXTEND_WHEN_LEFT) continue;
          try {
            const kept = await keep(found.ctx, record.writtenBack);
            deps.acks.setWriteBack(record.id, {
              writtenBack: kept.writtenBack,
              ...(kept.expiresAt ? { expiresAt: kept.expiresAt } : {}),
            });
          } catch (error) {
            deps.acks.setWriteBack(record.id, {
              writtenBack: record.writtenBack,
              expiresAt: record.expiresAt,
              error: sentence(error, `extending the claim's silence on "${sourceId}"`),
            });
          }
          changed = true;
        }
      }
      if (changed) deps.changes.emit(['alerts']);
    },
  };
}
