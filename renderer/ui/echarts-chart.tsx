import { useEffect, useRef } from 'react';
import type { EChartsType } from 'echarts/core';
import { initChart } from './echarts';
import type { CockpitChartOption } from './echarts';

/** A canvas chart that owns one ECharts instance and follows its container's size. */
export function EChart(props: Readonly<{ option: CockpitChartOption; label: string; className?: string }>) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | undefined>(undefined);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const chart = initChart(container, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer =
      typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => chart.resize());
    observer?.observe(container);
    return () => {
      observer?.disconnect();
      chart.dispose();
      chartRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    // notMerge: a theme or language switch must not leave colours or names from the old option.
    chartRef.current?.setOption(props.option, { notMerge: true, lazyUpdate: true });
  }, [props.option]);

  return (
    <div ref={containerRef} className={props.className ?? 'chart'} role="img" aria-label={props.label} />
  );
}
