import { useEffect, useRef } from 'react';
import type { EChartsType } from 'echarts/core';
import { initChart } from '../ui/echarts';
import type { CockpitChartOption } from '../ui/echarts';
import { LABEL_ZOOM, labelsAtZoom } from './build-graph-option';
import { DRAG_THRESHOLD_PX, previewTransform, wheelFactor, ZOOM_LIMITS } from './roam';
import type { Vec } from './roam';

/** A wheel gesture is committed (one redraw) once the wheel has been still this long. */
const WHEEL_SETTLE_MS = 150;

type Drag = { pointerId: number; from: Vec; moved: Vec; dragging: boolean };
type Wheel = { pointer: Vec; factor: number; timer: number };

/**
 * The graph canvas: one ECharts instance for the view's life; a new option replaces the data but
 * keeps the user's pan and zoom (only the series data changes, positions come from the cache).
 * Pan and zoom are the view's own (roam.ts): the drawn bitmap follows the hand through a CSS
 * transform, and ECharts moves (or scales) the drawn graph by as much when the hand stops.
 */
export function TopologyGraph(
  props: Readonly<{
    option: CockpitChartOption;
    /** Which graph this is (the whole map, or a neighbourhood): a new one starts fitted, unpanned. */
    view: string;
    label: string;
    onSelect: (id: string) => void;
  }>,
) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | undefined>(undefined);
  const zoomRef = useRef(1);
  const optionRef = useRef(props.option);
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
    // A resize redraws everything (and clears the canvas): only when the box really changed size,
    // not for the observer's first report of the size the chart was made with.
    const resize = () => {
      if (container.clientWidth !== chart.getWidth() || container.clientHeight !== chart.getHeight()) {
        chart.resize();
      }
    };
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(resize);
    observer?.observe(container);

    let drag: Drag | undefined;
    let wheel: Wheel | undefined;
    const bitmap = () => container.firstElementChild as HTMLElement | null;
    const local = (event: { clientX: number; clientY: number }): Vec => {
      const box = container.getBoundingClientRect();
      return [event.clientX - box.left, event.clientY - box.top];
    };
    const preview = (moved: Vec, scale: number, origin?: Vec) => {
      const layer = bitmap();
      if (!layer) return;
      layer.style.transformOrigin = origin ? `${origin[0]}px ${origin[1]}px` : '';
      layer.style.transform =
        moved[0] === 0 && moved[1] === 0 && scale === 1 ? '' : previewTransform(moved, scale);
    };
    // ECharts' own roam action: it moves (or scales) the drawn graph's group and repaints, without
    // rebuilding nodes, labels and edges as a new centre and zoom in `setOption` would; the series
    // keeps the centre and zoom for later polls. Flushed in the same task as the preview is taken
    // off, so the screen goes from the moved bitmap to the redrawn graph with nothing in between.
    const redraw = (
      roam: { dx: number; dy: number } | { zoom: number; originX: number; originY: number },
    ) => {
      preview([0, 0], 1);
      chart.dispatchAction({ type: 'graphRoam', seriesIndex: 0, ...roam }, { flush: true });
    };

    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0 || wheel) return;
      drag = {
        pointerId: event.pointerId,
        from: [event.clientX, event.clientY],
        moved: [0, 0],
        dragging: false,
      };
    };
    const onPointerMove = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.pointerId) return;
      drag.moved = [event.clientX - drag.from[0], event.clientY - drag.from[1]];
      if (!drag.dragging && Math.hypot(drag.moved[0], drag.moved[1]) < DRAG_THRESHOLD_PX) return;
      if (!drag.dragging) {
        drag.dragging = true;
        // From here the press is a drag: ECharts neither hovers nor clicks until it ends.
        container.setPointerCapture(event.pointerId);
        container.classList.add('is-panning');
      }
      preview(drag.moved, 1);
    };
    const onPointerUp = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.pointerId) return;
      const ended = drag;
      drag = undefined;
      if (!ended.dragging) return;
      container.classList.remove('is-panning');
      if (container.hasPointerCapture(event.pointerId)) container.releasePointerCapture(event.pointerId);
      redraw({ dx: ended.moved[0], dy: ended.moved[1] });
    };
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      if (drag?.dragging) return;
      const factor = wheelFactor(event.deltaY);
      if (factor === 1) return;
      const pointer = local(event);
      if (wheel) window.clearTimeout(wheel.timer);
      // One gesture zooms around where it started; the scale shown is the one the redraw will have.
      const pending = wheel ?? { pointer, factor: 1, timer: 0 };
      const target = Math.min(
        ZOOM_LIMITS.max,
        Math.max(ZOOM_LIMITS.min, zoomRef.current * pending.factor * factor),
      );
      pending.factor = target / zoomRef.current;
      pending.timer = window.setTimeout(() => {
        const ended = wheel;
        wheel = undefined;
        if (!ended) return;
        const before = zoomRef.current;
        zoomRef.current = before * ended.factor;
        redraw({ zoom: ended.factor, originX: ended.pointer[0], originY: ended.pointer[1] });
        // Zoomed in past LABEL_ZOOM (or back out): every name shown (or only the failing ones').
        if (before >= LABEL_ZOOM !== zoomRef.current >= LABEL_ZOOM) {
          chart.setOption(labelsAtZoom(optionRef.current, zoomRef.current), { lazyUpdate: false });
        }
      }, WHEEL_SETTLE_MS);
      wheel = pending;
      preview([0, 0], pending.factor, pending.pointer);
    };
    container.addEventListener('pointerdown', onPointerDown);
    container.addEventListener('pointermove', onPointerMove);
    container.addEventListener('pointerup', onPointerUp);
    container.addEventListener('pointercancel', onPointerUp);
    container.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      if (wheel) window.clearTimeout(wheel.timer);
      container.removeEventListener('pointerdown', onPointerDown);
      container.removeEventListener('pointermove', onPointerMove);
      container.removeEventListener('pointerup', onPointerUp);
      container.removeEventListener('pointercancel', onPointerUp);
      container.removeEventListener('wheel', onWheel);
      observer?.disconnect();
      chart.dispose();
      chartRef.current = undefined;
    };
  }, []);

  const shownView = useRef<string | undefined>(undefined);
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    // Merge, not replace: the centre and zoom a person set stay across polls; another graph (a
    // neighbourhood, or the whole map again) is drawn fitted to the view.
    const other = shownView.current !== undefined && shownView.current !== props.view;
    shownView.current = props.view;
    if (other) zoomRef.current = 1;
    optionRef.current = props.option;
    chart.setOption(
      labelsAtZoom(props.option, zoomRef.current),
      other ? { notMerge: true } : { lazyUpdate: true },
    );
  }, [props.option, props.view]);

  return <div ref={containerRef} className="topology-chart" role="img" aria-label={props.label} />;
}
