import { lazy, Suspense, useMemo } from 'react';
import { BURN_WINDOWS } from '../../src/domain/values.js';
import { useUi } from '../app/cockpit-context';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { useNow } from '../ui/use-now';
import { ErrorState, LoadingState } from '../ui/view-state';
import { buildBurnDownOption } from './build-burn-down-option';
import { formatBurnRate, formatPercent } from './slo-format';
import { useSloDetail } from './slo-queries';

const EChart = lazy(async () => ({ default: (await import('../ui/echarts-chart')).EChart }));

const HOURS = 24;

/** One SLO: the burn-rate table, which rules trip, when the budget runs out, the burn-down and its alerts. */
export function SloDetailPanel(props: Readonly<{ id: string }>) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const theme = useUi((state) => state.theme);
  const detail = useSloDetail(props.id, HOURS);
  const option = useMemo(
    () => (detail.data ? buildBurnDownOption(detail.data, t, theme) : undefined),
    [detail.data, t, theme],
  );
  if (detail.isError && !detail.data)
    return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <LoadingState />;
  const slo = detail.data;
  const title = t('slo.detailTitle', { name: slo.name, service: slo.service });
  return (
    <section className="slo-detail" aria-label={title} data-slo={slo.id}>
      <h2 className="panel-title">{title}</h2>
      {slo.description && <p className="slo-description">{slo.description}</p>}
      <p className="slo-exhaustion">
        {slo.exhaustsAt
          ? t('slo.exhaustsAt', { time: formatAsOf(slo.exhaustsAt, language, now) })
          : t('slo.notExhausting')}
      </p>
      <table className="slo-burn-table">
        <caption>{t('slo.burnTable')}</caption>
        <thead>
          <tr>
            {BURN_WINDOWS.map((window) => (
              <th key={window} scope="col">
                {window}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {BURN_WINDOWS.map((window) => (
              <td key={window} data-window={window}>
                {formatBurnRate(slo.burnRates[window])}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <table className="slo-rule-table">
        <caption>{t('slo.rulesTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('slo.rule')}</th>
            <th scope="col">{t('slo.windows')}</th>
            <th scope="col">{t('slo.factor')}</th>
            <th scope="col">{t('slo.tripping')}</th>
          </tr>
        </thead>
        <tbody>
          {slo.rules.map((rule) => (
            <tr key={rule.rule} data-rule={rule.rule} className={rule.tripping ? 'is-tripping' : ''}>
              <td>{t(`slo.rule.${rule.rule}`)}</td>
              <td>
                {rule.long} {formatBurnRate(rule.longRate)} · {rule.short} {formatBurnRate(rule.shortRate)}
              </td>
              <td>&gt; {rule.factor}×</td>
              <td>{rule.tripping ? t('slo.yes') : t('slo.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {slo.seriesFrom === 'cache' && (
        <p className="notice notice-stale">
          {t('slo.seriesFromCache', { problem: slo.seriesProblem ?? '' })}
        </p>
      )}
      {option && slo.burnDown.length + slo.sli.length > 0 ? (
        <Suspense fallback={<LoadingState />}>
          <EChart option={option} label={t('slo.chart.label', { hours: HOURS })} className="slo-chart" />
        </Suspense>
      ) : (
        <p className="slo-no-numbers">{t('slo.noSeries')}</p>
      )}
      {slo.availability !== undefined && (
        <p className="slo-consumed">
          {t('slo.consumed', { consumed: formatPercent(slo.errorBudget.consumed ?? 0, language, 1) })}
        </p>
      )}
      <h3 className="slo-alerts-title">{t('slo.alertsOfService', { service: slo.service })}</h3>
      {slo.alerts.length === 0 ? (
        <p className="slo-no-numbers">{t('slo.noAlerts')}</p>
      ) : (
        <ul className="slo-alerts">
          {slo.alerts.map((alert) => (
            <li key={alert.id} className={`severity-${alert.severity}`}>
              <span className="rule-name">{alert.name}</span> <span>{alert.summary}</span>
            </li>
          ))}
        </ul>
      )}
      {slo.file && (
        <p className="slo-origin">
          {slo.format} · {slo.file}
          {slo.line === undefined ? '' : `:${slo.line}`}
          {slo.readFrom === 'sloth-rules' ? ` · ${t('slo.readFromRules')}` : ''}
          {slo.readFrom === 'pyrra-rules'
            ? ` · ${t('slo.readFromPyrraRules', { windows: (slo.recordedWindows ?? []).join(', ') })}`
            : ''}
        </p>
      )}
    </section>
  );
}
