import type { TopologyEdge, TopologyNode } from '../../src/domain/index.js';
import type { Theme } from '../app/ui-store';
import type { GraphSeriesOption } from 'echarts/charts';
import type { CockpitChartOption } from '../ui/echarts';
import { PALETTES } from '../ui/palette';
import type { Point } from './layout';
import { ZOOM_LIMITS } from './roam';

const HEALTH_COLOUR = {
  dark: { critical: '#ff4d4f', warning: '#ffd23f', ok: '#3fb950' },
  light: { critical: '#c81e1e', warning: '#a16207', ok: '#15803d' },
} as const;

/** `group:default/team-payments` → `team-payments`. */
export function ownerName(owner: string | undefined): string | undefined {
  return owner?.replace(/^[^:]+:(?:[^/]+\/)?/, '');
}

/**
 * Up to this many nodes every node is named; above it, the healthy nodes' names show when the view is
 * zoomed in to LABEL_ZOOM or more, when the node is pointed at, and around the selected node. 500
 * names fitted into one screen overlap (at 720p they were a blur), and drawing them all was a third of
 * a redraw.
 */
export const ALL_LABELS_MAX = 150;
export const LABEL_ZOOM = 2;

/**
 * The battle map: nodes at their cached positions, coloured by health (red/amber/green, and a
 * shape per kind so colour is never alone), the owner under each failing node's name; edges between
 * two failing nodes drawn thick in the failure's colour, so a storm's path lights up; the selected
 * node's edges drawn thick and its neighbours named. The view pans and zooms it (roam.ts).
 */
export function buildGraphOption(
  nodes: readonly TopologyNode[],
  edges: readonly TopologyEdge[],
  positions: ReadonlyMap<string, Point>,
  theme: Theme,
  emPx: number,
  selected: string | undefined,
): CockpitChartOption {
  const palette = PALETTES[theme];
  const colours = HEALTH_COLOUR[theme];
  const health = new Map(nodes.map((node) => [node.id, node.health]));
  const symbolOf = (node: TopologyNode) =>
    node.kind === 'resource'
      ? 'rect'
      : node.kind === 'system' || node.kind === 'domain'
        ? 'roundRect'
        : node.kind === 'api'
          ? 'diamond'
          : 'circle';
  const size = Math.max(10, emPx * 1.1);
  // Type in px of the view's font size (16 at 1080p, 32 at 4K), so a wall reads across a room;
  // floors keep a small window legible. No text halo: stroking 500 labels doubles a pan frame's cost.
  const nameSize = (failing: boolean) => Math.max(11, Math.round(emPx * (failing ? 0.95 : 0.8)));
  const ownerSize = Math.max(10, Math.round(emPx * 0.65));
  const near = new Set<string>();
  if (selected) {
    for (const edge of edges) {
      if (edge.from === selected) near.add(edge.to);
      if (edge.to === selected) near.add(edge.from);
    }
    near.add(selected);
  }
  // Pointing at a node enlarges and names it; no 'adjacency' focus, which fades every other node and
  // edge (the selected node shows its neighbours instead). Any highlight repaints the whole canvas,
  // 50–100 ms at 500 services for each node the pointer crosses: a large graph has none (zoom in or
  // click for names). `disabled` is read by ECharts' graph symbols but missing from its typings.
  const emphasis: NonNullable<GraphSeriesOption['emphasis']> & { disabled: boolean } = {
    disabled: nodes.length > ALL_LABELS_MAX,
    scale: true,
    lineStyle: { width: 3 },
  };
  return {
    animation: false,
    backgroundColor: 'transparent',
    tooltip: { show: false },
    series: [
      {
        type: 'graph',
        layout: 'none',
        // Pan and zoom are topology-graph.tsx's (a bitmap that follows the hand, one redraw at the end).
        roam: false,
        scaleLimit: { min: ZOOM_LIMITS.min, max: ZOOM_LIMITS.max },
        draggable: false,
        // Names that still overlap (a storm of neighbours): ECharts hides the overlapping ones.
        labelLayout: { hideOverlap: true },
        // The healthy nodes' names, unless a node says otherwise (topology-graph.tsx shows them zoomed in).
        label: { show: nodes.length <= ALL_LABELS_MAX, position: 'bottom' },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: Math.max(5, emPx * 0.45),
        data: nodes.map((node) => {
          const at = positions.get(node.id) ?? { x: 0, y: 0 };
          const colour = colours[node.health];
          const failing = node.health !== 'ok';
          return {
            id: node.id,
            name: node.name,
            x: at.x,
            y: at.y,
            symbol: symbolOf(node),
            symbolSize: failing ? size * 1.5 : size,
            itemStyle: {
              color: colour,
              borderColor: node.id === selected ? palette.text : palette.background,
              borderWidth: node.id === selected ? 3 : 1,
              opacity: node.stale ? 0.55 : 1,
            },
            // Plain text for a healthy node (a name is one text to lay out and draw); a failing one,
            // always named, gets its owner under the name (rich text).
            label: failing
              ? {
                  show: true,
                  color: colour,
                  fontSize: nameSize(true),
                  fontWeight: 'bold',
                  formatter: ownerName(node.owner)
                    ? `${node.name}\n{owner|${ownerName(node.owner)}}`
                    : node.name,
                  rich: { owner: { color: palette.mutedText, fontSize: ownerSize } },
                }
              : {
                  ...(near.has(node.id) ? { show: true } : {}),
                  color: palette.text,
                  fontSize: nameSize(false),
                  formatter: node.name,
                },
            emphasis: { label: { show: true } },
          };
        }),
        edges: edges.map((edge) => {
          const both = health.get(edge.from) !== 'ok' && health.get(edge.to) !== 'ok';
          const ofSelected = edge.from === selected || edge.to === selected;
          return {
            source: edge.from,
            target: edge.to,
            lineStyle: {
              color: both
                ? colours[health.get(edge.to) ?? 'critical']
                : ofSelected
                  ? palette.text
                  : palette.gridLine,
              width: both || ofSelected ? 3 : 1,
              opacity: both || ofSelected ? 0.95 : 0.6,
              type: edge.type === 'partOf' ? 'dashed' : 'solid',
              curveness: 0.08,
            },
          };
        }),
        emphasis,
      },
    ],
  };
}

/** The option as drawn at a zoom: from LABEL_ZOOM in, every node is named. */
export function labelsAtZoom(option: CockpitChartOption, zoom: number): CockpitChartOption {
  const series = Array.isArray(option.series) ? option.series : [];
  const graph: { label?: { show?: boolean } } | undefined = series[0];
  if (zoom < LABEL_ZOOM || !graph || graph.label?.show !== false) return option;
  return { ...option, series: [{ ...graph, label: { ...graph.label, show: true } }, ...series.slice(1)] };
}
