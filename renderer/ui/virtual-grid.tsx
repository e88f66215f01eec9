import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useElementSize } from './use-element-size';
import { computeGridWindow, nextActiveIndex } from './virtual-window';

export type VirtualGridProps<T> = Readonly<{
  items: readonly T[];
  getKey: (item: T) => string;
  renderItem: (item: T, state: Readonly<{ active: boolean; index: number }>) => ReactNode;
  /** Fixed height of every item: fixed sizes keep scrolling O(1) at 100 000 items. */
  itemHeight: number;
  /** Absent: one column (a list). Present: as many columns of at least this width as fit. */
  minItemWidth?: number;
  gap?: number;
  activeIndex: number;
  onActiveIndexChange: (index: number) => void;
  onActivate: (item: T, index: number) => void;
  /** Accessible name of the listbox. */
  label: string;
  idPrefix: string;
  className?: string;
  /** Called when the mounted window reaches the last rows (load the next page). */
  onNearEnd?: () => void;
}>;

const OVERSCAN_ROWS = 3;

/**
 * A windowed listbox: only visible rows are in the DOM. Focus stays on the scroll container and
 * aria-activedescendant names the active item, so keyboard focus survives items being unmounted.
 */
export function VirtualGrid<T>(props: VirtualGridProps<T>) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(viewportRef);
  const [scrollTop, setScrollTop] = useState(0);
  const gap = props.gap ?? 0;
  const count = props.items.length;
  const view = computeGridWindow({
    count,
    viewportWidth: size.width,
    viewportHeight: size.height,
    scrollTop,
    itemHeight: props.itemHeight,
    minItemWidth: props.minItemWidth,
    gap,
    overscanRows: OVERSCAN_ROWS,
  });
  const activeIndex = count === 0 ? -1 : Math.min(props.activeIndex, count - 1);
  const columnWidth = (size.width - gap * (view.columns - 1)) / view.columns;

  // Keep the active item in view when the keyboard moves it; leave mouse scrolling alone otherwise.
  const { rowHeight, columns } = view;
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || activeIndex < 0) return;
    const top = Math.floor(activeIndex / columns) * rowHeight;
    const bottom = top + rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (bottom > viewport.scrollTop + viewport.clientHeight && viewport.clientHeight > 0) {
      viewport.scrollTop = bottom - viewport.clientHeight;
    }
  }, [activeIndex, columns, rowHeight]);

  const { onNearEnd } = props;
  const nearEnd = count > 0 && view.end >= count - view.columns * OVERSCAN_ROWS;
  useEffect(() => {
    if (nearEnd) onNearEnd?.();
  }, [nearEnd, count, onNearEnd]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter') {
      const item = props.items[activeIndex];
      if (item !== undefined) {
        event.preventDefault();
        props.onActivate(item, activeIndex);
      }
      return;
    }
    const pageItems = Math.max(1, Math.floor(size.height / view.rowHeight)) * view.columns;
    const next = nextActiveIndex(event.key, Math.max(0, activeIndex), count, view.columns, pageItems);
    if (next === undefined) return;
    event.preventDefault();
    props.onActiveIndexChange(next);
  };

  const mounted = props.items.slice(view.start, view.end).map((item, offset) => {
    const index = view.start + offset;
    const active = index === activeIndex;
    return (
      <div
        key={props.getKey(item)}
        id={`${props.idPrefix}-${index}`}
        role="option"
        aria-selected={active}
        aria-posinset={index + 1}
        aria-setsize={count}
        className={active ? 'virtual-item is-active' : 'virtual-item'}
        style={{
          top: Math.floor(index / view.columns) * view.rowHeight,
          left: (index % view.columns) * (columnWidth + gap),
          width: columnWidth,
          height: props.itemHeight,
        }}
        onClick={() => {
          props.onActiveIndexChange(index);
          props.onActivate(item, index);
        }}
      >
        {props.renderItem(item, { active, index })}
      </div>
    );
  });

  return (
    <div
      ref={viewportRef}
      className={`virtual-viewport ${props.className ?? ''}`}
      role="listbox"
      aria-label={props.label}
      aria-activedescendant={activeIndex >= 0 ? `${props.idPrefix}-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="virtual-sizer" style={{ height: view.totalHeight }}>
        {mounted}
      </div>
    </div>
  );
}
