import type { Overview } from '../../src/api/contract.js';
import { SEVERITIES } from '../../src/domain/values.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { useOverview, useSources } from '../app/queries';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatClock, formatDuration } from '../ui/format';
import { useNow } from '../ui/use-now';
import { errorMessage } from '../ui/view-state';
import { worstSource } from './freshness';

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

/**
 * The age of the oldest data on screen, naming its source when it is not fresh: the screen is only as
 * current as its oldest source ("oldest data 95s old — Alertmanager (prod)").
 */
function DataAge(props: Readonly<{ sources: readonly SourceInfo[] | undefined }>) {
  const t = useT();
  const now = useNow();
  const worst = props.sources === undefined ? undefined : worstSource(props.sources, now);
  let text: string;
  if (worst === undefined) text = t('warRoom.noSourcesYet');
  else if (worst.freshness === 'never')
    text = t('warRoom.sourceNeverAnswered', { source: worst.source.name });
  else if (worst.freshness === 'waiting') text = t('warRoom.waitingFor', { source: worst.source.name });
  else if (worst.freshness === 'fresh')
    text = t('warRoom.dataAge', { age: formatDuration(worst.ageMs ?? 0, t) });
  else
    text = t('warRoom.oldestData', {
      age: formatDuration(worst.ageMs ?? 0, t),
      source: worst.source.name,
    });
  const freshness = worst?.freshness ?? 'waiting';
  return (
    <span className={`data-age freshness-${freshness}`} data-freshness={freshness} role="status">
      {text}
    </span>
  );
}

/** The top of the war room: firing counts by severity, source health, clocks and data age. */
export function WarRoomHeader() {
  const t = useT();
  const overview = useOverview();
  const sources = useSources();
  return (
    <section className="war-room-header" aria-label={t('nav.warRoom')}>
      <SeverityCounts overview={overview.data} />
      <SourceCounts overview={overview.data} />
      <div className="war-room-header-side">
        <Clocks />
        <DataAge sources={sources.data} />
        {overview.isError && (
          <span className="header-error" role="alert">
            {t('view.error')} {errorMessage(overview.error)}
          </span>
        )}
      </div>
    </section>
  );
}
