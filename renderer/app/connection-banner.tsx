import { useLanguage, useT } from '../i18n/use-translate';
import { formatClock } from '../ui/format';
import { useConnection } from './use-change-events';

/** Says loudly that the screen is no longer live, instead of showing old data as current. */
export function ConnectionBanner() {
  const t = useT();
  const language = useLanguage();
  const connection = useConnection();
  if (connection.state === 'unauthorized') {
    return (
      <div className="connection-banner" role="alert" data-connection="unauthorized">
        <strong>{t('connection.unauthorized')}</strong>{' '}
        {t('connection.unauthorizedHow', { origin: window.location.origin })}
      </div>
    );
  }
  if (connection.state !== 'lost') return null;
  return (
    <div className="connection-banner" role="alert" data-connection="lost">
      {t('connection.lost', { time: formatClock(connection.since, language) })}
    </div>
  );
}
