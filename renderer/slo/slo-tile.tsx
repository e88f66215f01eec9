import { memo } from 'react';
import type { SloStatus } from '../../src/domain/index.js';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { useNow } from '../ui/use-now';
import { budgetBarWidth, formatBurnRate, formatObjective, formatPercent } from './slo-format';

/** One SLO on the board: state colour, availability against the objective, budget left and the 1 h burn. */
export const SloTile = memo(function SloTile(
  props: Readonly<{ slo: SloStatus; selected: boolean; onSelect: (id: string) => void }>,
) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const { slo } = props;
  const remaining = slo.errorBudget.remaining;
  const hasNumbers = slo.availability !== undefined;
  return (
    <li>
      <button
        type="button"
        className={`slo-tile slo-state-${slo.state} ${slo.stale ? 'is-stale' : ''} ${props.selected ? 'is-selected' : ''}`}
        data-slo={slo.id}
        data-state={slo.state}
        data-stale={slo.stale}
        aria-pressed={props.selected}
        onClick={() => props.onSelect(slo.id)}
      >
        <span className="slo-tile-header">
          <span className="slo-name">{slo.name}</span>
          <span className="slo-state-label">{t(`slo.state.${slo.state}`)}</span>
        </span>
        <span className="slo-service">
          {slo.service} · {t('slo.objective', { objective: formatObjective(slo.objective, language) })} ·{' '}
          {slo.window}
        </span>
        {hasNumbers ? (
          <>
            <span className="slo-availability">{formatPercent(slo.availability ?? 0, language, 3)}</span>
            <span className="slo-budget">
              <span className="slo-budget-label">{t('slo.budgetLeft')}</span>
              <span className={`slo-budget-value ${(remaining ?? 0) < 0 ? 'is-overspent' : ''}`}>
                {formatPercent(remaining ?? 0, language, 1)}
              </span>
            </span>
            <span className="slo-budget-bar" aria-hidden="true">
              <span className="slo-budget-fill" style={{ width: `${budgetBarWidth(remaining)}%` }} />
            </span>
            <span className="slo-burn">
              {t('slo.burnNow', { rate: formatBurnRate(slo.burnRates['1h']) })}
            </span>
          </>
        ) : (
          <span className="slo-no-numbers">
            {t(slo.state === 'error' ? 'slo.noNumbersError' : 'slo.noNumbers')}
          </span>
        )}
        {slo.stale && (
          <span className="as-of" data-stale="true">
            {t('slo.staleAsOf', { time: formatAsOf(slo.updatedAt, language, now) })}
          </span>
        )}
        {slo.problem && <span className="slo-problem">{slo.problem}</span>}
      </button>
    </li>
  );
});
