/** Which items a windowed grid mounts: only the rows in view plus a few rows of overscan. */
export type GridWindow = Readonly<{
  columns: number;
  rowHeight: number;
  totalHeight: number;
  /** First mounted item index (inclusive). */
  start: number;
  /** Last mounted item index (exclusive). */
  end: number;
}>;

export function computeGridWindow(input: {
  count: number;
  viewportWidth: number;
  viewportHeight: number;
  scrollTop: number;
  itemHeight: number;
  /** Absent: a single-column list. */
  minItemWidth?: number;
  gap: number;
  overscanRows: number;
}): GridWindow {
  const columns =
    input.minItemWidth === undefined
      ? 1
      : Math.max(1, Math.floor((input.viewportWidth + input.gap) / (input.minItemWidth + input.gap)));
  const rowHeight = input.itemHeight + input.gap;
  const rows = Math.ceil(input.count / columns);
  const firstRow = Math.max(0, Math.floor(input.scrollTop / rowHeight) - input.overscanRows);
  const lastRow = Math.min(
    rows,
    Math.ceil((input.scrollTop + input.viewportHeight) / rowHeight) + input.overscanRows,
  );
  return {
    columns,
    rowHeight,
    totalHeight: Math.max(0, rows * rowHeight - input.gap),
    start: Math.min(input.count, firstRow * columns),
    end: Math.min(input.count, lastRow * columns),
  };
}

/** The active index after a navigation key, or undefined when the key is not one we handle. */
export function nextActiveIndex(
  key: string,
  current: number,
  count: number,
  columns: number,
  pageItems: number,
): number | undefined {
  if (count === 0) return undefined;
  const clamp = (index: number) => Math.min(count - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + columns);
    case 'ArrowUp':
      return clamp(current - columns);
    case 'ArrowRight':
      return columns > 1 ? clamp(current + 1) : undefined;
    case 'ArrowLeft':
      return columns > 1 ? clamp(current - 1) : undefined;
    case 'PageDown':
      return clamp(current + pageItems);
    case 'PageUp':
      return clamp(current - pageItems);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
