import { useQuery } from '@tanstack/react-query';
import type { ScenarioStatus } from '../../src/domain/index.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { useNow } from '../ui/use-now';
import { formatObjective, formatPercent } from './slo-format';

function ScenarioTile(props: Readonly<{ scenario: ScenarioStatus }>) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const { scenario } = props;
  return (
    <li
      className={`slo-tile scenario-tile slo-state-${scenario.state} ${scenario.stale ? 'is-stale' : ''}`}
      data-scenario={scenario.id}
      data-state={scenario.state}
      data-stale={scenario.stale}
    >
      <span className="slo-tile-header">
        <span className="slo-name">{scenario.name}</span>
        <span className="slo-state-label">{t(`slo.state.${scenario.state}`)}</span>
      </span>
      <span className="slo-service">
        {t('slo.objective', { objective: formatObjective(scenario.objective, language) })} · {scenario.window}
      </span>
      {scenario.availability === undefined ? (
        <span className="slo-no-numbers">{t('slo.noNumbersError')}</span>
      ) : (
        <>
          <span className="slo-availability">{formatPercent(scenario.availability, language, 3)}</span>
          <span className="slo-burn">
            {t('scenario.unstable', { minutes: Math.round(scenario.unstableMinutes) })}
          </span>
          <span className="slo-service">
            {t('scenario.mttr', {
              minutes: scenario.mttrMinutes === undefined ? '—' : Math.round(scenario.mttrMinutes),
            })}{' '}
            ·{' '}
            {t('scenario.mtbf', {
              minutes: scenario.mtbfMinutes === undefined ? '—' : Math.round(scenario.mtbfMinutes),
            })}
          </span>
          <ul className="scenario-breakdown">
            {scenario.breakdown.slice(0, 3).map((one) => (
              <li key={one.alert}>
                {one.alert}: {t('scenario.minutes', { minutes: Math.round(one.minutes) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {scenario.stale && (
        <span className="as-of" data-stale="true">
          {t('slo.staleAsOf', { time: formatAsOf(scenario.updatedAt, language, now) })}
        </span>
      )}
      {scenario.problem && <span className="slo-problem">{scenario.problem}</span>}
    </li>
  );
}

/** GOC business scenarios: availability from the union of their alerts' firing minutes. Hidden when none are configured. */
export function ScenarioBoard() {
  const t = useT();
  const api = useApi();
  const scenarios = useQuery({ queryKey: queryKeys.scenarios(), queryFn: () => api.listScenarios() });
  const items = scenarios.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="scenario-board" aria-label={t('scenario.board')}>
      <h2 className="panel-title">{t('scenario.board')}</h2>
      <ul className="slo-tiles">
        {items.map((scenario) => (
          <ScenarioTile key={scenario.id} scenario={scenario} />
        ))}
      </ul>
    </section>
  );
}
