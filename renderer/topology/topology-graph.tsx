import { useEffect, useRef } from 'react';
import type { EChartsType } from 'echarts/core';
import { initChart } from '../ui/echarts';
import type { CockpitChartOption } from '../ui/echarts';

/**
 * The graph canvas: one ECharts instance for the view's life; a new option replaces the data but
 * keeps the user's pan and zoom (only the series data changes, positions come from the cache).
 */
export function TopologyGraph(
  props: Readonly<{ option: CockpitChartOption; label: string; onSelect: (id: string) => void }>,
) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | undefined>(undefined);
  const onSelect = useRef(props.onSelect);
  useEffect(() => {
    onSelect.current = props.onSelect;
  }, [props.onSelect]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const chart = initChart(container, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => {
      const data = event.data as { id?: unknown } | undefined;
      if (event.dataType === 'node' && typeof data?.id === 'string') onSelect.current(data.id);
    });
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
    // Merge, not replace: the roam (pan and zoom) a person set stays across polls.
    chartRef.current?.setOption(props.option, { lazyUpdate: true });
  }, [props.option]);

  return <div ref={containerRef} className="topology-chart" role="img" aria-label={props.label} />;
}
