/*
 * ECharts from its core plus only the parts the cockpit draws: importing 'echarts' itself would ship
 * every chart type (about 1 MB) to every wall display.
 */
import { LineChart } from 'echarts/charts';
import type { LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { init, use as registerChartParts } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerChartParts([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type CockpitChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init as initChart };
