import type { TopologyEdge, TopologyNode } from '../../src/domain/index.js';
import type { Theme } from '../app/ui-store';
import type { CockpitChartOption } from '../ui/echarts';
import { PALETTES } from '../ui/palette';
import type { Point } from './layout';

const HEALTH_COLOUR = {
  dark: { critical: '#ff4d4f', warning: '#ffd23f', ok: '#3fb950' },
  light: { critical: '#c81e1e', warning: '#a16207', ok: '#15803d' },
} as const;

/** `group:default/team-payments` → `team-payments`. */
export function ownerName(owner: string | undefined): string | undefined {
  return owner?.replace(/^[^:]+:(?:[^/]+\/)?/, '');
}

/**
 * The battle map: nodes at their cached positions, coloured by health (red/amber/green, and a
 * shape per kind so colour is never alone), the owner under each name; edges between two failing
 * nodes drawn thick in the failure's colour, so a storm's path lights up. The view pans and zooms it (roam.ts).
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
        draggable: false,
        // Labels of 500 nodes overlap when zoomed out: ECharts hides the overlapping ones.
        labelLayout: { hideOverlap: true },
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
            label: {
              show: true,
              position: 'bottom',
              color: failing ? colour : palette.text,
              fontSize: nameSize(failing),
              fontWeight: failing ? 'bold' : 'normal',
              formatter: ownerName(node.owner) ? `${node.name}\n{owner|${ownerName(node.owner)}}` : node.name,
              rich: {
                owner: { color: palette.mutedText, fontSize: ownerSize },
              },
            },
          };
        }),
        edges: edges.map((edge) => {
          const both = health.get(edge.from) !== 'ok' && health.get(edge.to) !== 'ok';
          return {
            source: edge.from,
            target: edge.to,
            lineStyle: {
              color: both ? colours[health.get(edge.to) ?? 'critical'] : palette.gridLine,
              width: both ? 3 : 1,
              opacity: both ? 0.95 : 0.6,
              type: edge.type === 'partOf' ? 'dashed' : 'solid',
              curveness: 0.08,
            },
          };
        }),
        emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
      },
    ],
  };
}
