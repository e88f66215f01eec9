import type { Alert } from '../../src/domain/index.js';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatDateTime } from '../ui/format';
import { SafeLink } from '../ui/safe-link';
import { ErrorState, LoadingState } from '../ui/view-state';
import { ChangeBadges, reasonText } from './change-text';
import { useAlertChanges } from './queries';

/** The alert detail's "what changed": candidate changes before the alert started, best first. */
export function WhatChanged(props: Readonly<{ alert: Alert }>) {
  const t = useT();
  const language = useLanguage();
  const found = useAlertChanges(props.alert.id);
  let body;
  if (!props.alert.service) {
    body = <p className="what-changed-empty">{t('whatChanged.noService')}</p>;
  } else if (found.data) {
    body =
      found.data.items.length === 0 ? (
        <p className="what-changed-empty">
          {t('whatChanged.empty', { service: props.alert.service, hours: found.data.lookBackMinutes / 60 })}
        </p>
      ) : (
        <ol className="what-changed-items">
          {found.data.items.map(({ change, reason, score }) => (
            <li key={change.id} className="what-changed-item" data-change-id={change.id}>
              <div className="what-changed-head">
                <strong className="untrusted-text">{change.title}</strong>
                <ChangeBadges change={change} t={t} />
              </div>
              <div className="what-changed-reason">
                {reasonText(reason, t)} · {t('whatChanged.score', { score })}
              </div>
              <div className="what-changed-facts">
                {formatDateTime(change.startsAt, language)}
                {change.operator && <> · {change.operator}</>}
                {change.environment && <> · {change.environment}</>} · {change.sourceId}
                {change.url && (
                  <>
                    {' '}
                    · <SafeLink url={change.url} />
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      );
  } else if (found.data === null) {
    body = null;
  } else if (found.isError) {
    body = <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  } else {
    body = <LoadingState />;
  }
  return (
    <section className="what-changed" aria-label={t('whatChanged.title')}>
      <h3>{t('whatChanged.title')}</h3>
      {body}
    </section>
  );
}
