import { memo, useCallback, useMemo, useState } from 'react';
import type { Alert, SourceInfo } from '../../src/domain/index.js';
import { useUi, useUiStoreApi } from '../app/cockpit-context';
import { useSources } from '../app/queries';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { SeverityBadge } from '../ui/severity-badge';
import { useNow } from '../ui/use-now';
import { VirtualGrid } from '../ui/virtual-grid';
import {
  EmptyState,
  ErrorState,
  failingSources,
  LoadingState,
  NoSourcesState,
  RefreshFailedNotice,
  StaleNotice,
} from '../ui/view-state';
import { Since } from '../ui/since';
import { useAlertList } from './alert-list-query';
import { localizedText, serviceName } from './localized-text';
import { plainText } from '../ui/untrusted-text';
import { AckLine } from '../claims/ack-line';
import { EscalatedTag } from '../claims/escalated-tag';
import '../claims/claims.css';

const ROW_HEIGHT = 52;
const EMPTY_SOURCES: readonly SourceInfo[] = [];

function StaleMark(props: Readonly<{ source: SourceInfo | undefined }>) {
  const t = useT();
  const language = useLanguage();
  const now = useNow();
  const lastSuccessAt = props.source?.lastSuccessAt;
  return (
    <span className="as-of" data-stale="true">
      {lastSuccessAt
        ? t('view.asOf', { time: formatAsOf(lastSuccessAt, language, now) })
        : t('sourceState.stale')}
    </span>
  );
}

/** Alerts shift between pages while the user scrolls (one resolves, the rest move up): keep the first copy. */
function uniqueById(alerts: readonly Alert[]): readonly Alert[] {
  const seen = new Set<string>();
  return alerts.filter((alert) => !seen.has(alert.id) && seen.add(alert.id));
}

/** Escalated alerts are pinned first (stable: the rest keep the sort the user chose). */
function escalatedFirst(alerts: readonly Alert[]): readonly Alert[] {
  if (!alerts.some((alert) => alert.escalated)) return alerts;
  return [...alerts.filter((alert) => alert.escalated), ...alerts.filter((alert) => !alert.escalated)];
}

const AlertRow = memo(function AlertRow(
  props: Readonly<{ alert: Alert; source: SourceInfo | undefined; stale: boolean; selected: boolean }>,
) {
  const t = useT();
  const language = useLanguage();
  const { alert } = props;
  const service = serviceName(alert, language);
  return (
    <div
      className={`alert-row severity-${alert.severity} state-${alert.state} ${props.stale ? 'is-stale' : ''} ${props.selected ? 'is-selected' : ''} ${alert.escalated ? 'is-escalated' : ''}`}
      data-alert-id={alert.id}
    >
      <span className="cell cell-severity">
        <SeverityBadge severity={alert.severity} />
      </span>
      <span className="cell cell-name">{plainText(alert.name)}</span>
      <span className="cell cell-service" title={service.id} data-service-id={service.id}>
        {service.name ?? ''}
      </span>
      <span className="cell cell-source">{props.source?.name ?? alert.sourceId}</span>
      <span className="cell cell-state">
        {alert.ack ? <AckLine ack={alert.ack} compact /> : t(`state.${alert.state}`)}
        <EscalatedTag alert={alert} />
      </span>
      <span className="cell cell-duration">
        <Since iso={alert.startsAt} />
        {props.stale && <StaleMark source={props.source} />}
      </span>
      <span className="cell cell-summary">{localizedText(alert, 'summary', language)}</span>
    </div>
  );
});

/** The filtered, sorted alert list: virtualized, paged from the host as the user scrolls. */
export function AlertList() {
  const t = useT();
  const store = useUiStoreApi();
  const filter = useUi((state) => state.filter);
  const selectedAlertId = useUi((state) => state.selectedAlertId);
  const list = useAlertList(filter);
  const sourcesQuery = useSources();
  const sources = sourcesQuery.data ?? EMPTY_SOURCES;
  const [activeIndex, setActiveIndex] = useState(0);

  const failing = useMemo(() => failingSources(sources), [sources]);
  const failingIds = useMemo(() => new Set(failing.map((source) => source.id)), [failing]);
  const sourcesById = useMemo(() => new Map(sources.map((source) => [source.id, source])), [sources]);
  const items = useMemo(
    () => escalatedFirst(uniqueById(list.data?.pages.flatMap((page) => page.items) ?? [])),
    [list.data],
  );
  const total = list.data?.pages[0]?.total ?? 0;

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const open = useCallback((alert: Alert) => store.getState().selectAlert(alert.id), [store]);
  const renderRow = useCallback(
    (alert: Alert) => (
      <AlertRow
        alert={alert}
        source={sourcesById.get(alert.sourceId)}
        stale={alert.stale === true || failingIds.has(alert.sourceId)}
        selected={alert.id === selectedAlertId}
      />
    ),
    [sourcesById, failingIds, selectedAlertId],
  );

  let body;
  if (sourcesQuery.data?.length === 0) body = <NoSourcesState />;
  else if (list.data === undefined) {
    body = list.isError ? (
      <ErrorState error={list.error} onRetry={() => void list.refetch()} />
    ) : (
      <LoadingState />
    );
  } else if (items.length === 0) body = <EmptyState>{t('alerts.empty')}</EmptyState>;
  else {
    body = (
      <>
        <div className="alert-row alert-list-head" aria-hidden="true">
          <span className="cell">{t('alerts.severity')}</span>
          <span className="cell">{t('alerts.name')}</span>
          <span className="cell">{t('alerts.service')}</span>
          <span className="cell">{t('alerts.source')}</span>
          <span className="cell">{t('alerts.state')}</span>
          <span className="cell">{t('alerts.duration')}</span>
          <span className="cell">{t('alerts.summary')}</span>
        </div>
        <VirtualGrid
          items={items}
          getKey={(alert) => alert.id}
          renderItem={renderRow}
          itemHeight={ROW_HEIGHT}
          activeIndex={activeIndex}
          onActiveIndexChange={setActiveIndex}
          onActivate={open}
          label={t('alerts.list')}
          idPrefix="alert-option"
          className="alert-list-rows"
          onNearEnd={loadMore}
        />
      </>
    );
  }

  return (
    <section className="alert-list" aria-label={t('nav.alerts')}>
      <div className="alert-list-status">
        {list.data && <span role="status">{t('alerts.count', { shown: items.length, total })}</span>}
        {isFetchingNextPage && <span>{t('alerts.loadingMore')}</span>}
      </div>
      <StaleNotice sources={failing} />
      {list.data && list.isError && <RefreshFailedNotice error={list.error} />}
      {body}
    </section>
  );
}
