import { useEffect, useRef } from 'react';
import type { EChartsType } from 'echarts/core';
import { initChart } from '../ui/echarts';
import type { CockpitChartOption } from '../ui/echarts';
import {
  DRAG_THRESHOLD_PX,
  pannedCenter,
  previewTransform,
  wheelFactor,
  ZOOM_LIMITS,
  zoomedAround,
} from './roam';
import type { Vec } from './roam';

/** A wheel gesture is committed (one redraw) once the wheel has been still this long. */
const WHEEL_SETTLE_MS = 150;

type Drag = { pointerId: number; from: Vec; moved: Vec; dragging: boolean };
type Wheel = { pointer: Vec; factor: number; timer: number };

/**
 * The graph canvas: one ECharts instance for the view's life; a new option replaces the data but
 * keeps the user's pan and zoom (only the series data changes, positions come from the cache).
 * Pan and zoom are the view's own (roam.ts): the drawn bitmap follows the hand through a CSS
 * transform, and ECharts redraws once at the new centre and zoom when the hand stops.
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
  const resetRoam = useRef<() => void>(() => undefined);
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

    let zoom = 1;
    let drag: Drag | undefined;
    let wheel: Wheel | undefined;
    resetRoam.current = () => {
      zoom = 1;
    };
    const bitmap = () => container.firstElementChild as HTMLElement | null;
    const middle = (): Vec => [container.clientWidth / 2, container.clientHeight / 2];
    const local = (event: { clientX: number; clientY: number }): Vec => {
      const box = container.getBoundingClientRect();
      return [event.clientX - box.left, event.clientY - box.top];
    };
    const dataAt = (pixel: Vec): Vec => {
      const point = chart.convertFromPixel({ seriesIndex: 0 }, [pixel[0], pixel[1]]);
      return [point[0] ?? 0, point[1] ?? 0];
    };
    const preview = (moved: Vec, scale: number, origin?: Vec) => {
      const layer = bitmap();
      if (!layer) return;
      layer.style.transformOrigin = origin ? `${origin[0]}px ${origin[1]}px` : '';
      layer.style.transform =
        moved[0] === 0 && moved[1] === 0 && scale === 1 ? '' : previewTransform(moved, scale);
    };
    const redraw = (center: Vec, nextZoom: number) => {
      zoom = nextZoom;
      preview([0, 0], 1);
      chart.setOption(
        { series: [{ center: [center[0], center[1]], zoom: nextZoom }] },
        { lazyUpdate: false },
      );
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
      redraw(pannedCenter(dataAt, middle(), ended.moved), zoom);
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
      const target = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, zoom * pending.factor * factor));
      pending.factor = target / zoom;
      pending.timer = window.setTimeout(() => {
        const ended = wheel;
        wheel = undefined;
        if (!ended) return;
        const next = zoomedAround(dataAt, middle(), ended.pointer, zoom, ended.factor);
        redraw(next.center, next.zoom);
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
    if (other) resetRoam.current();
    chart.setOption(props.option, other ? { notMerge: true } : { lazyUpdate: true });
  }, [props.option, props.view]);

  return <div ref={containerRef} className="topology-chart" role="img" aria-label={props.label} />;
}
