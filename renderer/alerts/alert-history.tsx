import type { AlertHistoryEvent } from '../../src/domain/index.js';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatDateTime } from '../ui/format';
import { SeverityBadge } from '../ui/severity-badge';

/** The alert's append-only history, newest first. */
export function AlertHistory(props: Readonly<{ events: readonly AlertHistoryEvent[] }>) {
  const t = useT();
  const language = useLanguage();
  if (props.events.length === 0) return <p className="muted">{t('detail.noHistory')}</p>;
  const newestFirst = [...props.events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <ol className="alert-history">
      {newestFirst.map((event, index) => (
        <li key={`${event.at}-${event.kind}-${index}`} className={`history-event history-${event.kind}`}>
          <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
          <span className="history-kind">{t(`history.${event.kind}`)}</span>
          <SeverityBadge severity={event.severity} />
          <span className="history-state">{t(`state.${event.state}`)}</span>
          {event.detail && <span className="history-detail">{event.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
