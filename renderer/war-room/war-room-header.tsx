import type { Overview } from '../../src/api/contract.js';
import { SEVERITIES } from '../../src/domain/values.js';
import { useOverview } from '../app/queries';
import { useLanguage, useT } from '../i18n/use-translate';
import { ageMs, formatClock, formatDuration } from '../ui/format';
import { useNow } from '../ui/use-now';
import { errorMessage } from '../ui/view-state';

/** Sources poll every 15 s by default: a minute without news is late, three means the screen cannot be trusted. */
export const AMBER_AFTER_MS = 60_000;
export const RED_AFTER_MS = 180_000;

export type Freshness = 'fresh' | 'amber' | 'red' | 'unknown';

export function freshnessOf(age: number | undefined): Freshness {
  if (age === undefined) return 'unknown';
  if (age > RED_AFTER_MS) return 'red';
  if (age > AMBER_AFTER_MS) return 'amber';
  return 'fresh';
}

function SeverityCounts(props: Readonly<{ overview: Overview | undefined }>) {
  const t = useT();
  return (
    <ul className="severity-counts" aria-label={t('warRoom.firing')}>
      {SEVERITIES.map((severity) => {
        const count = props.overview?.firing[severity];
        return (
          <li
            key={severity}
            className={`severity-count severity-${severity} ${count ? 'has-alerts' : 'no-alerts'}`}
            data-severity={severity}
          >
            <span className="severity-count-value">{count ?? '—'}</span>
            <span className="severity-count-name">{t(`severity.${severity}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}

function SourceCounts(props: Readonly<{ overview: Overview | undefined }>) {
  const t = useT();
  const sources = props.overview?.sources;
  const shown = (['ok', 'stale', 'error', 'pending'] as const).filter(
    (state) => state !== 'pending' || (sources?.pending ?? 0) > 0,
  );
  return (
    <div className="source-counts">
      <span className="source-counts-title">{t('warRoom.sources')}</span>
      {shown.map((state) => (
        <span key={state} className={`source-count source-state-${state}`} data-source-state={state}>
          {t(`sourceState.${state}`)} <strong>{sources?.[state] ?? '—'}</strong>
        </span>
      ))}
    </div>
  );
}

function Clocks() {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  return (
    <div className="clocks">
      <span className="clock">
        <span className="clock-label">{t('warRoom.localTime')}</span> {formatClock(now, language)}
      </span>
      <span className="clock">
        <span className="clock-label">{t('warRoom.utc')}</span> {formatClock(now, language, 'UTC')}
      </span>
    </div>
  );
}

function LastUpdated(props: Readonly<{ lastUpdatedAt: string | undefined }>) {
  const t = useT();
  const now = useNow();
  const age = ageMs(props.lastUpdatedAt, now);
  const freshness = freshnessOf(age);
  return (
    <span className={`last-updated freshness-${freshness}`} data-freshness={freshness} role="status">
      {age === undefined
        ? t('warRoom.neverUpdated')
        : t('warRoom.lastUpdated', { age: formatDuration(age, t) })}
    </span>
  );
}

/** The top of the war room: firing counts by severity, source health, clocks and data age. */
export function WarRoomHeader() {
  const t = useT();
  const overview = useOverview();
  return (
    <section className="war-room-header" aria-label={t('nav.warRoom')}>
      <SeverityCounts overview={overview.data} />
      <SourceCounts overview={overview.data} />
      <div className="war-room-header-side">
        <Clocks />
        <LastUpdated lastUpdatedAt={overview.data?.lastUpdatedAt} />
        {overview.isError && (
          <span className="header-error" role="alert">
            {t('view.error')} {errorMessage(overview.error)}
          </span>
        )}
      </div>
    </section>
  );
}
