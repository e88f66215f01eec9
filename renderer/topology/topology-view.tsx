import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useUi } from '../app/cockpit-context';
import { useT } from '../i18n/use-translate';
import { useElementSize } from '../ui/use-element-size';
import { useFontSizePx } from '../ui/use-font-size';
import { EmptyState, ErrorState, LoadingState, RefreshFailedNotice } from '../ui/view-state';
import { buildGraphOption } from './build-graph-option';
import { layeredLayout } from './layout';
import type { Point } from './layout';
import { useTopology } from './queries';
import { TopologyItemPanel } from './topology-item-panel';
import './topology.css';

/**
 * The last layout, by graph shape: kept across polls and across leaving and re-opening the view, so
 * nodes stay where the room last saw them.
 */
let lastLayout: { shape: string; positions: Map<string, Point> } | undefined;
function positionsFor(
  shape: string,
  nodes: Parameters<typeof layeredLayout>[0],
  edges: Parameters<typeof layeredLayout>[1],
): Map<string, Point> {
  if (lastLayout?.shape !== shape) lastLayout = { shape, positions: layeredLayout(nodes, edges) };
  return lastLayout.positions;
}

// ECharts is most of the bundle: load it after the shell has painted, but as soon as the view opens,
// beside the topology request rather than after its answer.
const loadGraph = () => import('./topology-graph');
const TopologyGraph = lazy(async () => ({ default: (await loadGraph()).TopologyGraph }));

/** The battle map: services, systems and resources with their health, owners and dependencies. */
export function TopologyView() {
  const t = useT();
  const theme = useUi((state) => state.theme);
  const [around, setAround] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const depth = 2;
  const topology = useTopology(around, depth);
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(boxRef);
  const emPx = useFontSizePx(boxRef, size);
  const data = topology.data;
  useEffect(() => {
    void loadGraph();
  }, []);

  // The layout depends on the graph's shape only (ids and edges), not on health: keyed so a poll
  // that only changes colours reuses it and no node moves.
  const shape = useMemo(
    () =>
      data
        ? `${data.nodes.map((node) => node.id).join('\n')}\u0000${data.edges.map((edge) => `${edge.from}>${edge.to}`).join('\n')}`
        : '',
    [data],
  );
  const positions = useMemo(
    () => (data ? positionsFor(shape, data.nodes, data.edges) : new Map<string, Point>()),
    [data, shape],
  );
  const option = useMemo(
    () => (data ? buildGraphOption(data.nodes, data.edges, positions, theme, emPx, selected) : undefined),
    [data, positions, theme, emPx, selected],
  );

  const failing = data?.nodes.filter((node) => node.health !== 'ok').length ?? 0;
  const aroundName = around?.replace(/^[^/]+\//, '');
  let body;
  if (data && option) {
    body =
      data.nodes.length === 0 ? (
        <EmptyState>{t('topology.empty')}</EmptyState>
      ) : (
        <Suspense fallback={<LoadingState />}>
          <TopologyGraph
            option={option}
            view={`${around ?? ''}|${depth}`}
            label={t('topology.title')}
            onSelect={setSelected}
          />
        </Suspense>
      );
  } else if (topology.isError) {
    body = <ErrorState error={topology.error} onRetry={() => void topology.refetch()} />;
  } else {
    body = <LoadingState />;
  }
  const problems =
    data?.problems.flatMap((one) => one.problems.map((problem) => `${one.sourceId}: ${problem}`)) ?? [];
  return (
    <div className="topology-view">
      <header className="topology-bar">
        <h2>{aroundName ? t('topology.around', { name: aroundName }) : t('topology.title')}</h2>
        {data && (
          <span className="topology-counts" data-failing={failing}>
            {t('topology.nodes', { nodes: data.nodes.length, failing })}
          </span>
        )}
        {data && data.folds.length > 0 && (
          <span className="topology-folds">
            {data.folds.slice(0, 3).map((fold) => (
              <button
                key={fold.rootId}
                type="button"
                className={`fold-chip severity-${fold.severity}`}
                onClick={() => setSelected(fold.rootId)}
              >
                ⤓ {fold.rootName} ·{' '}
                {t('topology.fold', { alerts: fold.alertCount, services: fold.folded.length })}
              </button>
            ))}
          </span>
        )}
        {around && (
          <button type="button" onClick={() => setAround(undefined)}>
            {t('topology.showAll')}
          </button>
        )}
      </header>
      {data && data.cycles.length > 0 && (
        <p className="notice" role="status">
          {t('topology.cycles', { count: data.cycles.length, first: (data.cycles[0] ?? []).join(' ↔ ') })}
        </p>
      )}
      {problems.length > 0 && (
        <details className="topology-problems">
          <summary>
            {t('topology.problems')} ({problems.length})
          </summary>
          <ul>
            {problems.slice(0, 20).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </details>
      )}
      {data && topology.isError && <RefreshFailedNotice error={topology.error} />}
      <div className="topology-main">
        <div ref={boxRef} className="topology-box">
          {body}
        </div>
        {selected && (
          <TopologyItemPanel
            id={selected}
            onSelect={setSelected}
            onZoom={(id) => setAround(id)}
            onClose={() => setSelected(undefined)}
          />
        )}
      </div>
    </div>
  );
}
