import { burnRuleWindows } from '../../analysis/slo/burn-state.js';
import { formatProblem } from '../../config/load.js';
import type { SourceConfig } from '../../config/schema.js';
import type { SloSourceConfig } from '../../connectors/slo/config.js';
import { intervalsFromHistory } from '../../analysis/slo/scenario-history.js';
import type { Interval } from '../../analysis/slo/scenarios.js';
import type { ScenarioConfig } from '../../config/slo/config.js';
import { matcherName, scenarioFromAlerts, scenarioStatus, sloSeries } from '../../connectors/slo/series.js';
import { SourceError } from '../../connectors/types.js';
import { ALERT_STATES, BURN_RULES, SLO_STATE_RANK } from '../../domain/index.js';
import type {
  Alert,
  AlertFilter,
  AlertHistoryEvent,
  Clock,
  Page,
  ScenarioStatus,
  SloDetail,
  SloStatus,
} from '../../domain/index.js';
import type { IScenarioStore, ISloStore } from '../../cache/index.js';
import type { IHttpClient } from '../../http/types.js';
import type { Logger } from '../../logger.js';
import { ApiFailure } from '../dispatch.js';
import type { SLO_SPEC } from '../spec/slo.js';
import type { HandlersOf } from '../spec/types.js';

export type SloHandlerDeps = Readonly<{
  slo: ISloStore;
  scenarios: IScenarioStore;
  sources: readonly SourceConfig[];
  alerts: Readonly<{
    listAlerts(filter: AlertFilter): Page<Alert>;
    getHistory(alertId: string): readonly AlertHistoryEvent[];
  }>;
  http: IHttpClient;
  clock: Clock;
  logger: Logger;
}>;

/** Worst first: page, error, ticket, no-data, ok; then the least budget left. */
export function worstFirst(a: SloStatus, b: SloStatus): number {
  return (
    SLO_STATE_RANK[a.state] - SLO_STATE_RANK[b.state] ||
    (a.errorBudget.remaining ?? Number.POSITIVE_INFINITY) -
      (b.errorBudget.remaining ?? Number.POSITIVE_INFINITY) ||
    a.id.localeCompare(b.id)
  );
}

/** What a stored scenario status was computed from: a changed definition never answers with old numbers. */
export function scenarioDefinitionKey(scenario: ScenarioConfig): string {
  return JSON.stringify([
    scenario.name,
    scenario.objective,
    scenario.window,
    scenario.minUnit ?? null,
    scenario.alerts,
  ]);
}

const message = (error: unknown) =>
  error instanceof SourceError || error instanceof Error ? error.message : String(error);

/** SLO status from the cache; series and scenarios asked of Prometheus when it answers. */
export function createSloHandlers(deps: SloHandlerDeps): HandlersOf<typeof SLO_SPEC> {
  const source = deps.sources.find((one): one is SloSourceConfig => one.kind === 'slo');
  const context = () => ({
    source: source as SloSourceConfig,
    http: deps.http,
    clock: deps.clock,
    logger: deps.logger,
    signal: AbortSignal.timeout(Math.max(source?.timeoutMs ?? 10_000, 15_000)),
  });

  /** A scenario from the cockpit's own alert history: the alerts matching each matcher, and their events. */
  function scenarioFromHistory(scenario: ScenarioConfig, nowMs: number, why: string): ScenarioStatus {
    const byAlert = new Map<string, Interval[]>();
    for (const matcher of scenario.alerts) {
      const label = Object.entries(matcher).map(([key, value]) => `${key}=${value}`);
      const page = deps.alerts.listAlerts({
        label,
        state: [...ALERT_STATES],
        sort: 'startsAt',
        limit: 5000,
        offset: 0,
      });
      const intervals = page.items.flatMap((alert) =>
        intervalsFromHistory(deps.alerts.getHistory(alert.id), nowMs),
      );
      byAlert.set(matcherName(matcher), intervals);
    }
    return { ...scenarioStatus(scenario, byAlert, nowMs, 'history'), problem: why };
  }

  return {
    async listSlos() {
      return {
        items: deps.slo.list().sort(worstFirst),
        problems: (source?.slo.problems ?? []).map(formatProblem),
      };
    },

    async getSlo({ id, hours }) {
      const status = deps.slo.get(id);
      const definition = source?.slo.definitions.find((one) => one.id === id);
      if (!status || !definition)
        throw new ApiFailure('not-found', `there is no SLO "${id}" (is it still in the SLO files?)`);
      const nowMs = deps.clock.now();
      const rangeMs = hours * 3_600_000;
      const rules = BURN_RULES.map((rule) => {
        const { long, short, factor } = burnRuleWindows(rule);
        return {
          rule,
          long,
          short,
          factor: source?.slo.factors[factor] ?? 0,
          longRate: status.burnRates[long],
          shortRate: status.burnRates[short],
          tripping: status.tripping.includes(rule),
        };
      });
      let series: Pick<SloDetail, 'sli' | 'burnDown' | 'seriesFrom' | 'seriesProblem'>;
      try {
        series = { ...(await sloSeries(context(), definition, nowMs, rangeMs)), seriesFrom: 'prometheus' };
      } catch (error) {
        // Prometheus cannot be asked: draw what the cache kept from earlier evaluations.
        const history = deps.slo.history(id, nowMs - rangeMs);
        const budget = 1 - definition.objective;
        series = {
          seriesFrom: 'cache',
          seriesProblem: message(error),
          burnDown: history.flatMap((row) =>
            row.remaining === null ? [] : [{ at: new Date(row.at).toISOString(), value: row.remaining }],
          ),
          sli: history.flatMap((row) =>
            row.burn1h === null ? [] : [{ at: new Date(row.at).toISOString(), value: row.burn1h * budget }],
          ),
        };
      }
      const alerts = deps.alerts
        .listAlerts({
          service: definition.service,
          state: ['firing', 'acknowledged'],
          sort: 'severity',
          limit: 20,
          offset: 0,
        })
        .items.map((alert) => ({
          id: alert.id,
          name: alert.name,
          severity: alert.severity,
          state: alert.state,
          summary: alert.summary,
        }));
      return {
        ...status,
        ...(definition.description ? { description: definition.description } : {}),
        ...(definition.origin.file ? { file: definition.origin.file } : {}),
        ...(definition.origin.line === undefined ? {} : { line: definition.origin.line }),
        rules,
        ...series,
        alerts,
      };
    },

    async listScenarios() {
      const scenarios = source?.slo.scenarios ?? [];
      const nowMs = deps.clock.now();
      const items = await Promise.all(
        scenarios.map(async (scenario) => {
          const key = scenarioDefinitionKey(scenario);
          try {
            const status = await scenarioFromAlerts(context(), scenario, nowMs);
            deps.scenarios.save(status, key);
            return status;
          } catch (error) {
            const why = `Prometheus's ALERTS could not be read (${message(error)})`;
            // Prometheus cannot be asked: the last numbers it gave, stale, else what the cockpit saw itself.
            const stored = deps.scenarios.last(scenario.id, key);
            if (stored) return { ...stored, stale: true, problem: `showing the last numbers: ${why}` };
            return scenarioFromHistory(scenario, nowMs, `counted from the cockpit's alert history: ${why}`);
          }
        }),
      );
      deps.scenarios.forgetExcept(scenarios.map((scenario) => scenario.id));
      return { items };
    },
  };
}
