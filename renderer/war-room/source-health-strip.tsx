import type { SourceInfo } from '../../src/domain/index.js';
import { useSources } from '../app/queries';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf, formatDuration } from '../ui/format';
import { useNow } from '../ui/use-now';
import { ErrorState, LoadingState, NoSourcesState } from '../ui/view-state';
import { sourceFreshness } from './freshness';

function SourceChip(props: Readonly<{ source: SourceInfo; now: number }>) {
  const t = useT();
  const language = useLanguage();
  const { source } = props;
  const tooltipId = `source-tooltip-${source.id}`;
  const { freshness, ageMs } = sourceFreshness(source, props.now);
  const lastSuccess = source.lastSuccessAt
    ? t('warRoom.lastSuccess', { time: formatAsOf(source.lastSuccessAt, language, props.now) })
    : t('warRoom.neverSucceeded');
  const age =
    ageMs === undefined
      ? t(freshness === 'waiting' ? 'warRoom.waiting' : 'warRoom.neverSucceeded')
      : t('warRoom.sourceAge', { age: formatDuration(ageMs, t) });
  return (
    // Focusable so keyboard and touch users can read the error sentence that mouse users hover for.
    <li
      className={`source-chip source-state-${source.state} freshness-${freshness}`}
      data-source-state={source.state}
      data-freshness={freshness}
      tabIndex={0}
      aria-describedby={tooltipId}
    >
      <span className="source-dot" aria-hidden="true" />
      <span className="source-name">{source.name}</span>
      <span className="source-state">{t(`sourceState.${source.state}`)}</span>
      <span className="source-age">{age}</span>
      <span className="source-tooltip" role="tooltip" id={tooltipId}>
        {source.lastError ?? lastSuccess}
      </span>
    </li>
  );
}

/** One chip per source: how old its data is (amber, then red, relative to its interval), and why. */
export function SourceHealthStrip() {
  const t = useT();
  const sources = useSources();
  const now = useNow();
  let body;
  if (sources.data) {
    body =
      sources.data.length === 0 ? (
        <NoSourcesState />
      ) : (
        <ul className="source-chips">
          {sources.data.map((source) => (
            <SourceChip key={source.id} source={source} now={now} />
          ))}
        </ul>
      );
  } else if (sources.isError) {
    body = <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />;
  } else {
    body = <LoadingState />;
  }
  return (
    <section className="source-health" aria-label={t('warRoom.sourceHealth')}>
      {body}
    </section>
  );
}
