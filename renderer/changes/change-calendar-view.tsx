import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo, useRef, useState } from 'react';
import type { ChangeKind } from '../../src/domain/index.js';
import { CHANGE_KINDS } from '../../src/domain/values.js';
import { useApi, useUi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';
import { useLanguage, useT } from '../i18n/use-translate';
import { DebouncedInput } from '../ui/debounced-input';
import { formatDateTime } from '../ui/format';
import { SafeLink } from '../ui/safe-link';
import { useElementSize } from '../ui/use-element-size';
import { useFontSizePx } from '../ui/use-font-size';
import { EmptyState, ErrorState, LoadingState, RefreshFailedNotice } from '../ui/view-state';
import { buildCalendarOption } from './build-calendar-option';
import { ChangeBadges } from './change-text';
import { useChangeList } from './queries';
import './changes.css';

// ECharts is most of the bundle: load it after the list has painted.
const EChart = lazy(async () => ({ default: (await import('../ui/echarts-chart')).EChart }));

const HOUR_MS = 3_600_000;
const SPANS = { day: 24 * HOUR_MS, week: 7 * 24 * HOUR_MS } as const;
type Span = keyof typeof SPANS;

/** The range shown: a day or a week, starting a quarter of it before "now" plus whole steps. */
function rangeOf(span: Span, steps: number, nowMs: number) {
  const length = SPANS[span];
  const anchor = Math.floor(nowMs / HOUR_MS) * HOUR_MS - length / 4;
  const fromMs = anchor + steps * length;
  return { fromMs, toMs: fromMs + length };
}

function useAlertMarkers() {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.alerts(), 'calendar-markers'] as const,
    queryFn: async () => (await api.listAlerts({ limit: 500, sort: 'startsAt' })).items,
  });
}

/**
 * The change calendar: a day or week of changes by service, freeze windows shaded, alert starts
 * marked on the same axis; filters by service, kind and environment; the same changes as a list.
 */
export function ChangeCalendarView() {
  const t = useT();
  const language = useLanguage();
  const theme = useUi((state) => state.theme);
  const ids = useId();
  // The chart's canvas text follows the page's type size, which grows with a wall (changes.css).
  const pageRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(pageRef);
  const emPx = useFontSizePx(pageRef, size);
  const [span, setSpan] = useState<Span>('day');
  const [steps, setSteps] = useState(0);
  const [kind, setKind] = useState<ChangeKind | ''>('');
  const [service, setService] = useState('');
  const [environment, setEnvironment] = useState('');
  // "Now" is fixed when the view opens (and on "Now"), so the range does not creep on every tick.
  const [nowMs, setNowMs] = useState(() => Date.now());
  const { fromMs, toMs } = rangeOf(span, steps, nowMs);
  const input = useMemo(
    () => ({
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      ...(kind ? { kind: [kind] } : {}),
      ...(service.trim() ? { service: [service.trim()] } : {}),
      ...(environment.trim() ? { environment: [environment.trim()] } : {}),
      limit: 2000,
    }),
    [fromMs, toMs, kind, service, environment],
  );
  const changes = useChangeList(input);
  const alerts = useAlertMarkers();
  const title = t('changes.timeline', {
    from: formatDateTime(input.from, language),
    to: formatDateTime(input.to, language),
  });
  const option = useMemo(
    () =>
      changes.data
        ? buildCalendarOption(
            {
              changes: changes.data.items,
              freezes: changes.data.freezes,
              alerts: (alerts.data ?? []).filter(
                (alert) => !service.trim() || alert.service === service.trim(),
              ),
              fromMs,
              toMs,
            },
            t,
            theme,
            emPx,
          )
        : undefined,
    [changes.data, alerts.data, service, fromMs, toMs, t, theme, emPx],
  );

  let body;
  if (changes.data && option) {
    const items = changes.data.items;
    body = (
      <>
        {changes.data.truncated && (
          <p className="notice">{t('changes.truncated', { count: items.length })}</p>
        )}
        <Suspense fallback={<LoadingState />}>
          <EChart option={option} label={title} className="change-calendar-chart" />
        </Suspense>
        {items.length === 0 ? (
          <EmptyState>{t('changes.empty')}</EmptyState>
        ) : (
          <table className="change-table" aria-label={t('changes.list')}>
            <thead>
              <tr>
                <th>{t('changes.when')}</th>
                <th>{t('changes.service')}</th>
                <th>{t('changes.what')}</th>
                <th>{t('changes.who')}</th>
                <th>{t('changes.environment')}</th>
                <th>{t('changes.where')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((change) => (
                <tr
                  key={change.id}
                  className={`${change.insideFreeze ? 'is-inside-freeze' : ''} ${change.stale ? 'is-stale' : ''}`}
                  data-change-id={change.id}
                  title={change.stale ? t('changes.stale') : undefined}
                >
                  <td>{formatDateTime(change.startsAt, language)}</td>
                  <td>{change.services.join(', ') || t('changes.noService')}</td>
                  <td>
                    <span className="untrusted-text">{change.title}</span>{' '}
                    <ChangeBadges change={change} t={t} />
                  </td>
                  <td>{change.operator ?? '—'}</td>
                  <td>{change.environment ?? '—'}</td>
                  <td>
                    {change.url ? <SafeLink url={change.url}>{change.sourceId}</SafeLink> : change.sourceId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  } else if (changes.isError) {
    body = <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />;
  } else {
    body = <LoadingState />;
  }

  return (
    <div className="change-calendar" ref={pageRef}>
      <section className="change-filters" aria-label={t('alerts.filters')}>
        <fieldset className="toggle-group">
          <legend>{t('changes.range')}</legend>
          {(['day', 'week'] as const).map((value) => (
            <button
              key={value}
              type="button"
              className="toggle"
              aria-pressed={span === value}
              onClick={() => {
                setSpan(value);
                setSteps(0);
              }}
            >
              {t(`changes.${value}`)}
            </button>
          ))}
          <button type="button" onClick={() => setSteps((step) => step - 1)}>
            {t('changes.earlier')}
          </button>
          <button
            type="button"
            onClick={() => {
              setSteps(0);
              setNowMs(Date.now());
            }}
          >
            {t('changes.today')}
          </button>
          <button type="button" onClick={() => setSteps((step) => step + 1)}>
            {t('changes.later')}
          </button>
        </fieldset>
        <label htmlFor={`${ids}-kind`}>{t('changes.kind')}</label>
        <select
          id={`${ids}-kind`}
          value={kind}
          onChange={(event) => setKind(event.target.value as ChangeKind | '')}
        >
          <option value="">{t('changes.allKinds')}</option>
          {CHANGE_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`changeKind.${value}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-service`}>{t('changes.service')}</label>
        <DebouncedInput id={`${ids}-service`} value={service} onCommit={setService} />
        <label htmlFor={`${ids}-environment`}>{t('changes.environment')}</label>
        <DebouncedInput id={`${ids}-environment`} value={environment} onCommit={setEnvironment} />
      </section>
      <section className="change-calendar-body" aria-label={t('changes.title')}>
        <h2 className="panel-title">{title}</h2>
        {changes.data && changes.isError && <RefreshFailedNotice error={changes.error} />}
        {body}
      </section>
    </div>
  );
}
