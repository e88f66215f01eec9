import type { SloDetail } from '../../src/domain/index.js';
import type { Theme } from '../app/ui-store';
import type { Translate } from '../i18n/messages';
import type { CockpitChartOption } from '../ui/echarts';
import { PALETTES } from '../ui/palette';

/**
 * The burn-down (budget remaining over time, left axis, percent) and the SLI (5-minute error ratio,
 * right axis). No animation: a wall display redraws on every evaluation.
 */
export function buildBurnDownOption(detail: SloDetail, t: Translate, theme: Theme): CockpitChartOption {
  const palette = PALETTES[theme];
  const axisLabel = { color: palette.mutedText, fontSize: 14 };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text, fontSize: 14 },
    grid: { left: 64, right: 72, top: 40, bottom: 32 },
    legend: {
      top: 0,
      textStyle: { color: palette.text, fontSize: 16 },
      data: [t('slo.chart.budget'), t('slo.chart.sli')],
    },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: {
      type: 'time',
      axisLabel: { ...axisLabel, formatter: '{MM}-{dd} {HH}:{mm}' },
      axisLine: { lineStyle: { color: palette.gridLine } },
      splitLine: { show: false },
    },
    yAxis: [
      {
        type: 'value',
        name: t('slo.chart.budget'),
        nameTextStyle: { color: palette.mutedText },
        axisLabel: { ...axisLabel, formatter: (value: number) => `${Math.round(value * 100)}%` },
        splitLine: { lineStyle: { color: palette.gridLine } },
      },
      {
        type: 'value',
        name: t('slo.chart.sli'),
        nameTextStyle: { color: palette.mutedText },
        axisLabel: { ...axisLabel, formatter: (value: number) => `${(value * 100).toFixed(2)}%` },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'line',
        name: t('slo.chart.budget'),
        yAxisIndex: 0,
        symbol: 'none',
        color: palette.severity.info,
        lineStyle: { width: 3 },
        data: detail.burnDown.map((point) => [Date.parse(point.at), point.value]),
      },
      {
        type: 'line',
        name: t('slo.chart.sli'),
        yAxisIndex: 1,
        symbol: 'none',
        color: palette.severity.high,
        lineStyle: { width: 1 },
        data: detail.sli.map((point) => [Date.parse(point.at), point.value]),
      },
    ],
  };
}
