import { lazy, Suspense, useMemo, useRef } from 'react';
import { useUi } from '../app/cockpit-context';
import { useTimeline } from '../app/queries';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { useElementSize } from '../ui/use-element-size';
import { useFontSizePx } from '../ui/use-font-size';
import { EmptyState, ErrorState, LoadingState, RefreshFailedNotice } from '../ui/view-state';
import { buildTimelineOption } from './build-timeline-option';

// ECharts is most of the bundle: load it after the board and header have painted.
const EChart = lazy(async () => ({ default: (await import('../ui/echarts-chart')).EChart }));

const HOURS = 6;
const BUCKET_MINUTES = 5;

/** Firing alerts over the last six hours, stacked by severity. */
export function TimelinePanel() {
  const t = useT();
  const theme = useUi((state) => state.theme);
  const timeline = useTimeline(HOURS, BUCKET_MINUTES);
  const panelRef = useRef<HTMLElement>(null);
  const size = useElementSize(panelRef);
  const emPx = useFontSizePx(panelRef, size);
  const language = useLanguage();
  const historyStartsAt = timeline.data?.historyStartsAt;
  const backfillUntil = timeline.data?.backfill?.until;
  // "Now" for the axis is when this timeline was fetched: the chart redraws with each new answer.
  const fetchedAt = timeline.dataUpdatedAt;
  const option = useMemo(
    () =>
      timeline.data
        ? buildTimelineOption(timeline.data, t, theme, emPx, {
            now: fetchedAt,
            ...(historyStartsAt
              ? {
                  historyLabel: t('warRoom.historyStarts', {
                    time: formatAsOf(historyStartsAt, language, fetchedAt),
                  }),
                }
              : {}),
            ...(backfillUntil
              ? {
                  backfillLabel: t('warRoom.backfilled', {
                    time: formatAsOf(backfillUntil, language, fetchedAt),
                  }),
                }
              : {}),
          })
        : undefined,
    [timeline.data, t, theme, emPx, historyStartsAt, backfillUntil, language, fetchedAt],
  );
  const title = t('warRoom.timeline', { hours: HOURS });
  let body;
  if (timeline.data && option) {
    body =
      timeline.data.buckets.length === 0 ? (
        <EmptyState>{t('warRoom.timelineEmpty', { hours: HOURS })}</EmptyState>
      ) : (
        <Suspense fallback={<LoadingState />}>
          <EChart option={option} label={title} className="timeline-chart" />
        </Suspense>
      );
  } else if (timeline.isError) {
    body = <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  } else {
    body = <LoadingState />;
  }
  return (
    <section ref={panelRef} className="timeline-panel" aria-label={title}>
      <h2 className="panel-title">{title}</h2>
      {timeline.data && timeline.isError && <RefreshFailedNotice error={timeline.error} />}
      {body}
    </section>
  );
}
