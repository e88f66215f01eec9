import { useState } from 'react';
import { useT } from '../i18n/use-translate';
import { EmptyState, ErrorState, LoadingState, RefreshFailedNotice } from '../ui/view-state';
import { ScenarioBoard } from './scenario-board';
import { SloDetailPanel } from './slo-detail';
import { useSloList } from './slo-queries';
import { SloTile } from './slo-tile';
import './slo.css';

/** The SLO board: every SLO as a tile, worst first, and the one picked in detail beside it. */
export function SloView() {
  const t = useT();
  const list = useSloList();
  const [selected, setSelected] = useState<string | undefined>(undefined);
  let board;
  if (list.data) {
    board =
      list.data.items.length === 0 ? (
        <EmptyState>{t('slo.empty')}</EmptyState>
      ) : (
        <ul className="slo-tiles">
          {list.data.items.map((slo) => (
            <SloTile key={slo.id} slo={slo} selected={slo.id === selected} onSelect={setSelected} />
          ))}
        </ul>
      );
  } else if (list.isError) {
    board = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else {
    board = <LoadingState />;
  }
  const problems = list.data?.problems ?? [];
  return (
    <div className="slo-view">
      <section className="slo-board" aria-label={t('slo.board')}>
        <h2 className="panel-title">{t('slo.board')}</h2>
        {list.data && list.isError && <RefreshFailedNotice error={list.error} />}
        {problems.length > 0 && (
          <div className="notice notice-error" role="status" data-state="slo-problems">
            <span>{t('slo.problems', { count: problems.length })}</span>
            <ul className="notice-list">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        )}
        {board}
        <ScenarioBoard />
      </section>
      {selected !== undefined && <SloDetailPanel id={selected} />}
    </div>
  );
}
