import type { SourceConfig } from '../../config/schema.js';
import type { Clock } from '../../domain/index.js';
import { SOURCE_STATES } from '../../domain/index.js';
import type {
  AckRecord,
  Alert,
  AlertCounts,
  Severity,
  SourceInfo,
  SourceState,
  SourceStatus,
} from '../../domain/index.js';
import type { ChangeEmitter } from '../change-emitter.js';
import type { SOURCE_SPEC } from '../spec/sources.js';
import type { HandlersOf } from '../spec/types.js';

export type SourceHandlerDeps = Readonly<{
  alerts: Readonly<{ countAlerts(): AlertCounts; getAlert(id: string): Alert | undefined }>;
  /** The claim ledger's open claims, for the unclaimed counts (absent: every firing alert is unclaimed). */
  acks?: Readonly<{ openAll(): ReadonlyMap<string, AckRecord> }>;
  sources: readonly SourceConfig[];
  /** Live statuses from the poller (fresher than the cache's copy). */
  statuses: () => readonly SourceStatus[];
  clock: Clock;
  changes: ChangeEmitter;
}>;

/** Source health and the overview (counts by severity and state, and how fresh the data is). */
export function createSourceHandlers(deps: SourceHandlerDeps): HandlersOf<typeof SOURCE_SPEC> {
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
    async listSources() {
      const sources: SourceInfo[] = deps.sources.map((source) => ({
        ...statusOf(source.id),
        id: source.id,
        kind: source.kind,
        name: source.name,
        urls: source.urls,
        insecureTls: source.tls.insecureSkipVerify,
        intervalMs: source.intervalMs,
      }));
      return { sources };
    },

    async getOverview() {
      const counts = deps.alerts.countAlerts();
      const statuses = deps.sources.map((source) => statusOf(source.id));
      const bySourceState = Object.fromEntries(SOURCE_STATES.map((state) => [state, 0])) as Record<
        SourceState,
        number
      >;
      for (const status of statuses) bySourceState[status.state] += 1;
      const successes = statuses.map((status) => status.lastSuccessAt).filter((at): at is string => !!at);
      successes.sort();
      // Firing alerts nobody claimed: a claim kept in the ledger only (`ack: none`) leaves its alert
      // firing in the store; one written back as a silence already left the firing counts.
      const unclaimed: Record<Severity, number> = { ...counts.firing };
      for (const alertId of deps.acks?.openAll().keys() ?? []) {
        const alert = deps.alerts.getAlert(alertId);
        if (alert?.state === 'firing') unclaimed[alert.severity] = Math.max(0, unclaimed[alert.severity] - 1);
      }
      return {
        ...counts,
        unclaimed,
        sources: { ...bySourceState, total: statuses.length },
        lastUpdatedAt: successes.at(-1),
        oldestUpdatedAt: successes[0],
        generatedAt: new Date(deps.clock.now()).toISOString(),
        version: deps.changes.version,
      };
    },
  };
}
