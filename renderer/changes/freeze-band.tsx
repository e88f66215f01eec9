import { useLanguage, useT } from '../i18n/use-translate';
import { formatDateTime } from '../ui/format';
import { useFreezes } from './queries';

/**
 * The war room's freeze band: "封网中 until … (Spring Festival)" across the screen while a freeze is
 * in force, else the next one in a quiet line. Nothing while loading; an error stays quiet too (the
 * header already says when the host cannot be read).
 */
export function FreezeBand() {
  const t = useT();
  const language = useLanguage();
  const freezes = useFreezes();
  const active = freezes.data?.active;
  const next = freezes.data?.next;
  if (active) {
    return (
      <section
        className="freeze-band is-active"
        role="status"
        aria-label={t('changes.freezeBand')}
        data-freeze="active"
      >
        <strong>
          {t('freeze.active', { until: formatDateTime(active.endsAt, language), name: active.name })}
        </strong>
        {active.exemptions.length > 0 && (
          <span className="freeze-exemptions">
            {t('freeze.exemptions', { services: active.exemptions.join(', ') })}
          </span>
        )}
      </section>
    );
  }
  // Always a row of the war room's grid, even before the answer, so nothing below it moves.
  if (!freezes.data) return <section className="freeze-band is-loading" aria-hidden="true" />;
  return (
    <section
      className="freeze-band is-next"
      aria-label={t('changes.freezeBand')}
      data-freeze={next ? 'next' : 'none'}
    >
      {next
        ? t('freeze.next', {
            name: next.name,
            from: formatDateTime(next.startsAt, language),
            until: formatDateTime(next.endsAt, language),
          })
        : t('freeze.none')}
    </section>
  );
}
