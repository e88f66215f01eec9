import { useCallback, useMemo, useState } from 'react';
import type { ServiceGroup } from '../../src/api/contract.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { useUiStoreApi } from '../app/cockpit-context';
import { useSources } from '../app/queries';
import { DEFAULT_ALERT_FILTER } from '../app/ui-store';
import { useT } from '../i18n/use-translate';
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
import { useBoard } from './board-query';
import { ServiceCard } from './service-card';

const CARD_HEIGHT = 236;
const CARD_MIN_WIDTH = 360;
const CARD_GAP = 12;
const EMPTY_SOURCES: readonly SourceInfo[] = [];
const EMPTY_GROUPS: readonly ServiceGroup[] = [];

/** Services with active alerts as cards, worst top-left; only the visible cards are mounted. */
export function AlertBoard() {
  const t = useT();
  const store = useUiStoreApi();
  const board = useBoard();
  const sourcesQuery = useSources();
  const sources = sourcesQuery.data ?? EMPTY_SOURCES;
  const [activeIndex, setActiveIndex] = useState(0);

  const failing = useMemo(() => failingSources(sources), [sources]);
  const sourcesById = useMemo(() => new Map(sources.map((source) => [source.id, source])), [sources]);
  const groups = board.data?.groups ?? EMPTY_GROUPS;

  const openGroup = useCallback(
    (group: ServiceGroup) => {
      store.getState().setFilter({ ...DEFAULT_ALERT_FILTER, service: group.service ?? '' });
      store.getState().selectAlert(group.worstAlertId);
    },
    [store],
  );
  const renderCard = useCallback(
    (group: ServiceGroup) => <ServiceCard group={group} sourcesById={sourcesById} />,
    [sourcesById],
  );

  let body;
  if (sourcesQuery.data?.length === 0) {
    body = <NoSourcesState />;
  } else if (board.data === undefined) {
    body = board.isError ? (
      <ErrorState error={board.error} onRetry={() => void board.refetch()} />
    ) : (
      <LoadingState />
    );
  } else if (groups.length === 0) {
    body = <EmptyState tone="good">{t('warRoom.allClear')}</EmptyState>;
  } else {
    body = (
      <VirtualGrid
        items={groups}
        getKey={(group) => group.key}
        renderItem={renderCard}
        itemHeight={CARD_HEIGHT}
        minItemWidth={CARD_MIN_WIDTH}
        gap={CARD_GAP}
        activeIndex={activeIndex}
        onActiveIndexChange={setActiveIndex}
        onActivate={openGroup}
        label={t('warRoom.boardHelp')}
        idPrefix="board-card"
        className="alert-board-grid"
      />
    );
  }

  return (
    <section
      className="alert-board"
      aria-label={t('warRoom.board')}
      data-state={board.data ? 'data' : undefined}
    >
      <StaleNotice sources={failing} />
      {board.data && board.isError && <RefreshFailedNotice error={board.error} />}
      {body}
    </section>
  );
}
