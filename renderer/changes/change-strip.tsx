import { useMemo } from 'react';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { useNow } from '../ui/use-now';
import { ErrorState, LoadingState } from '../ui/view-state';
import { ChangeBadges } from './change-text';
import { useChangeList } from './queries';

const HOURS = 4;
const MINUTE_MS = 60_000;

/** The war room's change strip: what is changing now and what changed in the last hours, newest first. */
export function ChangeStrip() {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  // The range moves once a minute, not on every clock tick (each step is a new query).
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const input = useMemo(
    () => ({
      from: new Date(minute - HOURS * 3_600_000).toISOString(),
      to: new Date(minute + MINUTE_MS).toISOString(),
      limit: 50,
    }),
    [minute],
  );
  const changes = useChangeList(input);
  const title = t('warRoom.changes', { hours: HOURS });
  const items = useMemo(
    () => [...(changes.data?.items ?? [])].filter((change) => change.status !== 'cancelled').reverse(),
    [changes.data],
  );
  let body;
  if (changes.data) {
    body =
      items.length === 0 ? (
        <p className="change-strip-empty">{t('warRoom.noChanges', { hours: HOURS })}</p>
      ) : (
        <ul className="change-strip-items">
          {items.slice(0, 5).map((change) => (
            <li
              key={change.id}
              className={`change-strip-item ${change.stale ? 'is-stale' : ''}`}
              data-change-id={change.id}
            >
              <span className="change-time">{formatAsOf(change.startsAt, language, now)}</span>
              <span className="change-service">{change.services.join(', ') || t('changes.noService')}</span>
              <span className="change-title untrusted-text">{change.title}</span>
              <ChangeBadges change={change} t={t} compact />
            </li>
          ))}
        </ul>
      );
  } else if (changes.isError) {
    body = <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />;
  } else {
    body = <LoadingState />;
  }
  return (
    <section className="change-strip" aria-label={title}>
      <h2 className="panel-title">{title}</h2>
      {body}
    </section>
  );
}
