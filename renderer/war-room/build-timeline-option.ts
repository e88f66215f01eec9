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
export function buildTimelineOption(
  timeline: Timeline,
  t: Translate,
  theme: Theme,
  /** The panel's type size in px: the canvas text scales with the wall like the rest (16 at 1080p). */
  emPx = 16,
  /**
   * `now`: the axis ends here, never in the future. `historyLabel`: the words for the span before the
   * cockpit's first record ("history starts 15:31"), shaded instead of drawn as zeros. `backfillLabel`:
   * the words on the line where a span filled from Prometheus's ALERTS meets the cockpit's own record.
   */
  extras: Readonly<{ now?: number; historyLabel?: string; backfillLabel?: string }> = {},
): CockpitChartOption {
  const palette = PALETTES[theme];
  const from = Date.parse(timeline.from);
  const to =
    extras.now === undefined ? Date.parse(timeline.to) : Math.min(Date.parse(timeline.to), extras.now);
  const historyStart = timeline.historyStartsAt === undefined ? from : Date.parse(timeline.historyStartsAt);
  // A bucket that ends before the first record knows nothing: leave it out rather than draw a zero.
  const bucketMs = timeline.bucketMinutes * 60_000;
  const known = timeline.buckets.filter((bucket) => Date.parse(bucket.at) + bucketMs > historyStart);
  const small = Math.round(0.875 * emPx);
  const axisLabel = { color: palette.mutedText, fontSize: small };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text, fontSize: small },
    grid: { left: 3 * emPx, right: 1.5 * emPx, top: 2.5 * emPx, bottom: 2 * emPx },
    legend: {
      top: 0,
      itemWidth: 1.5 * emPx,
      itemHeight: 0.85 * emPx,
      textStyle: { color: palette.text, fontSize: emPx },
      data: SEVERITIES.map((severity) => t(`severity.${severity}`)),
    },
    // richText draws the tooltip on the canvas: no innerHTML and no inline style attributes (CSP).
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: {
      type: 'time',
      min: from,
      max: to,
      axisLabel: { ...axisLabel, formatter: '{HH}:{mm}' },
      axisLine: { lineStyle: { color: palette.gridLine } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      // A short panel (a 720p laptop) gets fewer, readable lines.
      splitNumber: 3,
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
      data: known.map((bucket) => [Math.max(Date.parse(bucket.at), historyStart), bucket[severity]]),
      // The span the cockpit has no history for, shaded and named, on the first series only.
      ...(severity === SEVERITIES[0] && historyStart > from && extras.historyLabel
        ? {
            markArea: {
              silent: true,
              itemStyle: { color: palette.gridLine, opacity: 0.35 },
              label: { show: true, position: 'inside' as const, color: palette.mutedText, fontSize: small },
              data: [[{ xAxis: from, name: extras.historyLabel }, { xAxis: historyStart }]],
            },
          }
        : {}),
      ...(severity === SEVERITIES[0] && timeline.backfill && extras.backfillLabel
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: palette.mutedText, type: 'dashed' as const, width: 1 },
              // The words, not the value (a time in ms); above the line.
              label: {
                show: true,
                position: 'end' as const,
                formatter: extras.backfillLabel,
                // Read leftwards from the line: it sits near the right edge after a fresh start.
                align: 'right' as const,
                color: palette.mutedText,
                fontSize: small,
              },
              data: [{ xAxis: Date.parse(timeline.backfill.until), name: extras.backfillLabel }],
            },
          }
        : {}),
    })),
  };
}
