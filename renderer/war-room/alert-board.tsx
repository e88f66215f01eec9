import { useCallback, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ServiceGroup } from '../../src/api/contract.js';
import type { Severity, SourceInfo } from '../../src/domain/index.js';
import { SEVERITIES } from '../../src/domain/values.js';
import { useUiStoreApi } from '../app/cockpit-context';
import { useSources } from '../app/queries';
import { DEFAULT_ALERT_FILTER } from '../app/ui-store';
import { useT } from '../i18n/use-translate';
import { useElementSize } from '../ui/use-element-size';
import { useFontSizePx } from '../ui/use-font-size';
import { nextActiveIndex } from '../ui/virtual-window';
import {
  EmptyState,
  ErrorState,
  failingSources,
  LoadingState,
  NoSourcesState,
  RefreshFailedNotice,
  StaleNotice,
} from '../ui/view-state';
import { boardEntries } from './board-entries';
import type { BoardEntry } from './board-entries';
import { useBoard } from './board-query';
import { fitBoard } from './board-layout';
import type { BoardLayout, LayoutGroup } from './board-layout';
import { FoldCard } from './fold-card';
import { ServiceCard } from './service-card';

const EMPTY_SOURCES: readonly SourceInfo[] = [];

function toLayoutGroup(entry: BoardEntry): LayoutGroup {
  // A fold lists its folded services where a service card lists its rules.
  if (entry.kind === 'fold') {
    return { severity: entry.severity, ruleCount: entry.fold.services.length, handled: false, fold: true };
  }
  const { group } = entry;
  return {
    severity: group.severity,
    ruleCount: group.rules.length,
    handled: group.acknowledged + group.silenced > 0,
  };
}

/** "+ 23 more services: 19 warning, 4 info": every service not on screen is counted here. */
function MoreServices(props: Readonly<{ layout: BoardLayout }>) {
  const t = useT();
  const hidden = SEVERITIES.filter((severity) => props.layout.hidden[severity] > 0);
  const total = hidden.reduce((sum, severity) => sum + props.layout.hidden[severity], 0);
  if (total === 0) return null;
  return (
    <p className="more-services" role="status" style={{ height: props.layout.moreHeightPx }}>
      <strong>{t('warRoom.moreServices', { count: total })}</strong>
      {hidden.map((severity: Severity) => (
        <span key={severity} className={`more-severity severity-${severity}`} data-severity={severity}>
          {t('warRoom.moreOfSeverity', {
            count: props.layout.hidden[severity],
            severity: t(`severity.${severity}`),
          })}
        </span>
      ))}
    </p>
  );
}

/**
 * Services with active alerts, worst top-left, laid out to fit the screen: no scrolling, no card
 * cut in half; what does not fit is counted in one line (see board-layout.ts).
 */
export function AlertBoard() {
  const t = useT();
  const store = useUiStoreApi();
  const board = useBoard();
  const sourcesQuery = useSources();
  const sources = sourcesQuery.data ?? EMPTY_SOURCES;
  const [activeIndex, setActiveIndex] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(boxRef);
  const emPx = useFontSizePx(boxRef, size);

  const failing = useMemo(() => failingSources(sources), [sources]);
  const sourcesById = useMemo(() => new Map(sources.map((source) => [source.id, source])), [sources]);
  const groups = useMemo(() => boardEntries(board.data), [board.data]);
  const { layout, zoom } = useMemo(
    () => fitBoard({ width: size.width, height: size.height, emPx, groups: groups.map(toLayoutGroup) }),
    [groups, size.width, size.height, emPx],
  );
  const active = Math.min(activeIndex, Math.max(0, layout.shown - 1));

  const openGroup = useCallback(
    (entry: BoardEntry) => {
      // A storm opens at its root: the lowest failing node is where to look first.
      const group: ServiceGroup | undefined =
        entry.kind === 'group' ? entry.group : (entry.root ?? entry.folded[0]);
      if (group === undefined) return;
      store.getState().setFilter({ ...DEFAULT_ALERT_FILTER, service: group.service ?? '' });
      store.getState().selectAlert(group.worstAlertId);
    },
    [store],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter') {
      const group = groups[active];
      if (group !== undefined && active < layout.shown) {
        event.preventDefault();
        openGroup(group);
      }
      return;
    }
    const section = layout.sections.find((one) => active >= one.start && active < one.start + one.count);
    const columns = section?.columns ?? 1;
    // Left/right walk the board in reading order, across rows and sections.
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const next =
      step !== 0
        ? Math.min(layout.shown - 1, Math.max(0, active + step))
        : nextActiveIndex(event.key, active, layout.shown, columns, layout.shown);
    if (next === undefined) return;
    event.preventDefault();
    setActiveIndex(next);
  };

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
      <div
        className="board-fit"
        role="listbox"
        aria-label={t('warRoom.boardHelp')}
        aria-activedescendant={layout.shown > 0 ? `board-card-${active}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ gap: layout.gapPx, fontSize: `${zoom}em` }}
        data-zoom={zoom}
      >
        {layout.sections.map((section) => (
          <div
            key={section.start}
            className={`board-section form-${section.choice.form}`}
            data-form={section.choice.form}
            style={{
              gridTemplateColumns: `repeat(${section.columns}, minmax(0, 1fr))`,
              gridTemplateRows: section.rowHeights.map((height) => `${height}px`).join(' '),
              gap: layout.gapPx,
            }}
          >
            {groups.slice(section.start, section.start + section.count).map((entry, offset) => {
              const index = section.start + offset;
              return (
                <div
                  key={entry.key}
                  id={`board-card-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={index === active ? 'board-item is-active' : 'board-item'}
                  onClick={() => {
                    setActiveIndex(index);
                    openGroup(entry);
                  }}
                >
                  {entry.kind === 'fold' ? (
                    <FoldCard
                      fold={entry.fold}
                      root={entry.root}
                      folded={entry.folded}
                      form={section.choice.form}
                      rules={section.choice.rules}
                    />
                  ) : (
                    <ServiceCard
                      group={entry.group}
                      sourcesById={sourcesById}
                      form={section.choice.form}
                      rules={section.choice.rules}
                    />
                  )}
                </div>
              );
            })}
          </div>
        ))}
        <MoreServices layout={layout} />
      </div>
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
      <div ref={boxRef} className="board-box">
        {body}
      </div>
    </section>
  );
}
