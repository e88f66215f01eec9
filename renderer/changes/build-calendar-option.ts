import type { CustomSeriesRenderItem } from 'echarts/types/dist/option';
import type { Alert, Change, ChangeKind, FreezeWindow } from '../../src/domain/index.js';
import type { Theme } from '../app/ui-store';
import type { Translate } from '../i18n/messages';
import type { CockpitChartOption } from '../ui/echarts';
import { PALETTES } from '../ui/palette';

/** One colour per change kind, readable on both themes. */
export const KIND_COLORS: Readonly<Record<ChangeKind, string>> = {
  release: '#4aa8ff',
  config: '#a78bfa',
  infra: '#34d399',
  database: '#f59e0b',
  network: '#22d3ee',
  drill: '#f472b6',
  other: '#94a3b8',
};

/** The rows of the calendar: every service with a change, by name; changes without one last. */
export function calendarRows(changes: readonly Change[], noService: string): string[] {
  const services = new Set<string>();
  let unnamed = false;
  for (const change of changes) {
    if (change.services.length === 0) unnamed = true;
    for (const service of change.services) services.add(service);
  }
  return [...[...services].sort(), ...(unnamed ? [noService] : [])];
}

const MIN_BAR_PX = 4;

// [row, start, end, kind index, inside freeze]: one bar per change and service.
const renderBar: CustomSeriesRenderItem = (_params, api) => {
  const row = api.value(0) as number;
  const start = api.coord([api.value(1), row]);
  const end = api.coord([api.value(2), row]);
  const height = (api.size?.([0, 1]) as number[] | undefined)?.[1] ?? 20;
  const x = start[0] ?? 0;
  const width = Math.max(MIN_BAR_PX, (end[0] ?? 0) - x);
  return {
    type: 'rect',
    shape: { x, y: (start[1] ?? 0) - height * 0.3, width, height: height * 0.6 },
    style: api.style(),
  };
};

/**
 * The change calendar as a timeline by service: one bar per change (coloured by kind, outlined red
 * inside a freeze), freeze windows as shaded bands, alert starts as vertical markers. No animation
 * and tooltips drawn on the canvas (richText: no innerHTML), like the war room's chart.
 */
export function buildCalendarOption(
  input: Readonly<{
    changes: readonly Change[];
    freezes: readonly FreezeWindow[];
    alerts: readonly Pick<Alert, 'name' | 'startsAt' | 'service'>[];
    fromMs: number;
    toMs: number;
  }>,
  t: Translate,
  theme: Theme,
  /** The page's type size in px: the canvas text and margins scale with the wall like the rest (16 at 1080p). */
  emPx = 16,
): CockpitChartOption {
  const palette = PALETTES[theme];
  const small = Math.round(0.875 * emPx);
  const freezeBorder = Math.max(1, Math.round((3 * emPx) / 16));
  const noService = t('changes.noService');
  const rows = calendarRows(input.changes, noService);
  const rowOf = new Map(rows.map((row, index) => [row, index]));
  const data = input.changes.flatMap((change) =>
    (change.services.length > 0 ? change.services : [noService]).map((service) => ({
      name: change.title,
      value: [rowOf.get(service) ?? 0, Date.parse(change.startsAt), Date.parse(change.endsAt)],
      itemStyle: {
        color: KIND_COLORS[change.kind],
        opacity: change.status === 'cancelled' ? 0.35 : change.stale ? 0.6 : 1,
        borderColor: change.insideFreeze ? palette.severity.critical : KIND_COLORS[change.kind],
        borderWidth: change.insideFreeze ? freezeBorder : 0,
      },
    })),
  );
  const axisLabel = { color: palette.mutedText, fontSize: small };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text, fontSize: small },
    grid: { left: 10 * emPx, right: 1.5 * emPx, top: 1.5 * emPx, bottom: 2 * emPx },
    tooltip: { trigger: 'item', renderMode: 'richText' },
    xAxis: {
      type: 'time',
      min: input.fromMs,
      max: input.toMs,
      // Midnight as a date ("12-04"), not ECharts' bare day number ("4") beside the hours.
      axisLabel: { ...axisLabel, formatter: { day: '{MM}-{dd}', hour: '{HH}:{mm}', minute: '{HH}:{mm}' } },
      axisLine: { lineStyle: { color: palette.gridLine } },
      splitLine: { show: true, lineStyle: { color: palette.gridLine } },
    },
    yAxis: {
      type: 'category',
      data: rows,
      inverse: true,
      axisLabel: { ...axisLabel, width: Math.round(9.375 * emPx), overflow: 'truncate' },
      axisLine: { lineStyle: { color: palette.gridLine } },
    },
    series: [
      {
        type: 'custom',
        name: t('changes.list'),
        renderItem: renderBar,
        encode: { x: [1, 2], y: 0 },
        data,
        markArea: {
          silent: true,
          itemStyle: { color: palette.severity.critical, opacity: 0.12 },
          label: { color: palette.mutedText, position: 'insideTop' },
          data: input.freezes.map((window) => [
            { name: window.name, xAxis: Math.max(input.fromMs, Date.parse(window.startsAt)) },
            { xAxis: Math.min(input.toMs, Date.parse(window.endsAt)) },
          ]),
        },
        markLine: {
          symbol: 'none',
          lineStyle: { color: palette.severity.critical, type: 'dashed', width: 1 },
          // A storm starts dozens of alerts at once: their names show on hover, not all at once.
          label: { show: false },
          emphasis: {
            label: {
              show: true,
              color: palette.severity.critical,
              formatter: '{b}',
              position: 'insideEndTop',
            },
          },
          data: input.alerts
            .filter((alert) => {
              const at = Date.parse(alert.startsAt);
              return at >= input.fromMs && at <= input.toMs;
            })
            .map((alert) => ({
              name: `${alert.service ?? ''} ${alert.name}`.trim(),
              xAxis: Date.parse(alert.startsAt),
            })),
        },
      },
    ],
  };
}
