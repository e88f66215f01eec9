import { describe, expect, it } from 'vitest';
import { computeGridWindow, nextActiveIndex } from '../../../renderer/ui/virtual-window';

describe('computeGridWindow', () => {
  it('mounts only the visible rows plus overscan, whatever the item count', () => {
    const base = { viewportWidth: 1000, viewportHeight: 500, itemHeight: 50, gap: 0, overscanRows: 2 };
    const small = computeGridWindow({ ...base, count: 10_000, scrollTop: 0 });
    expect(small).toMatchObject({ columns: 1, start: 0, end: 12, totalHeight: 500_000 });
    const scrolled = computeGridWindow({ ...base, count: 100_000, scrollTop: 50_000 });
    expect(scrolled.start).toBe(998);
    expect(scrolled.end).toBe(1012);
  });

  it('fits as many columns as the width allows', () => {
    const grid = computeGridWindow({
      count: 100,
      viewportWidth: 1100,
      viewportHeight: 400,
      scrollTop: 0,
      itemHeight: 190,
      minItemWidth: 350,
      gap: 10,
      overscanRows: 0,
    });
    expect(grid.columns).toBe(3);
    expect(grid.end).toBe(6);
  });
});

describe('nextActiveIndex', () => {
  it('moves by rows and columns and stays in range', () => {
    expect(nextActiveIndex('ArrowDown', 0, 10, 3, 6)).toBe(3);
    expect(nextActiveIndex('ArrowRight', 2, 10, 3, 6)).toBe(3);
    expect(nextActiveIndex('ArrowUp', 1, 10, 3, 6)).toBe(0);
    expect(nextActiveIndex('End', 1, 10, 3, 6)).toBe(9);
    expect(nextActiveIndex('PageDown', 8, 10, 3, 6)).toBe(9);
    expect(nextActiveIndex('ArrowLeft', 2, 10, 1, 6)).toBeUndefined();
    expect(nextActiveIndex('a', 2, 10, 1, 6)).toBeUndefined();
  });
});
