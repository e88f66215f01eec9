import type { Timeline } from '../../src/api/contract.js';
import { SEVERITIES } from '../../src/domain/values.js';
import type { Theme } from '../app/ui-store';
import type { Translate } from '../i18n/messages';
import type { CockpitChartOption } from '../ui/echarts';
import { PALETTES } from '../ui/palette';

/**
 * The stacked "firing alerts by severity" chart. Critical is the first series so it sits on the
 * baseline, where its height reads exactly. No animation: a wall display redraws on every poll.
 * No LTTB sampling: it would distort stacks, and 6 h of 5-minute buckets is only 72 points.
 */
export function buildTimelineOption(timeline: Timeline, t: Translate, theme: Theme): CockpitChartOption {
  const palette = PALETTES[theme];
  const axisLabel = { color: palette.mutedText, fontSize: 14 };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text, fontSize: 14 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    legend: {
      top: 0,
      textStyle: { color: palette.text, fontSize: 16 },
      data: SEVERITIES.map((severity) => t(`severity.${severity}`)),
    },
    // richText draws the tooltip on the canvas: no innerHTML and no inline style attributes (CSP).
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: {
      type: 'time',
      min: Date.parse(timeline.from),
      max: Date.parse(timeline.to),
      axisLabel: { ...axisLabel, formatter: '{HH}:{mm}' },
      axisLine: { lineStyle: { color: palette.gridLine } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel,
      splitLine: { lineStyle: { color: palette.gridLine } },
    },
    series: SEVERITIES.map((severity) => ({
      type: 'line' as const,
      name: t(`severity.${severity}`),
      stack: 'firing',
      symbol: 'none',
      color: palette.severity[severity],
      lineStyle: { width: 1 },
      areaStyle: { opacity: 0.85 },
      emphasis: { focus: 'series' as const },
      data: timeline.buckets.map((bucket) => [Date.parse(bucket.at), bucket[severity]]),
    })),
  };
}
