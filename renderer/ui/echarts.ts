/*
 * ECharts from its core plus only the parts the cockpit draws: importing 'echarts' itself would ship
 * every chart type (about 1 MB) to every wall display.
 */
import { CustomChart, GraphChart, LineChart } from 'echarts/charts';
import type { CustomSeriesOption, GraphSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerChartParts } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerChartParts([
  LineChart,
  CustomChart,
  GraphChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkAreaComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export type CockpitChartOption = ComposeOption<
  | LineSeriesOption
  | CustomSeriesOption
  | GraphSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
>;

export { init as initChart };
