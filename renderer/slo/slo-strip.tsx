import { useLanguage, useT } from '../i18n/use-translate';
import { useUi } from '../app/cockpit-context';
import { formatPercent } from './slo-format';
import { useSloList } from './slo-queries';
import './slo.css';

/** How many SLOs the war room shows: the worst few, so a burning budget is seen before it is gone. */
export const STRIP_SIZE = 4;

/** The war room's SLO strip: the worst four SLOs with their budget left; a click opens the SLO board. */
export function SloStrip() {
  const t = useT();
  const language = useLanguage();
  const setView = useUi((state) => state.setView);
  const list = useSloList();
  if (list.isError && !list.data) {
    return (
      <p className="slo-strip-error" role="status">
        {t('slo.stripError')}
      </p>
    );
  }
  const items = list.data?.items.slice(0, STRIP_SIZE) ?? [];
  if (items.length === 0) return null;
  return (
    <section className="slo-strip" aria-label={t('slo.strip')}>
      <ul className="slo-strip-items">
        {items.map((slo) => (
          <li key={slo.id}>
            <button
              type="button"
              className={`slo-chip slo-state-${slo.state} ${slo.stale ? 'is-stale' : ''}`}
              data-slo={slo.id}
              data-state={slo.state}
              onClick={() => setView('slos')}
            >
              <span className="slo-chip-name">{slo.name}</span>
              <span className="slo-state-label">{t(`slo.state.${slo.state}`)}</span>
              <span className="slo-chip-budget">
                {slo.errorBudget.remaining === undefined
                  ? '—'
                  : t('slo.chipBudget', { budget: formatPercent(slo.errorBudget.remaining, language, 1) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
