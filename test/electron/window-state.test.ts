import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, placeWindow } from '../../electron/window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const wall = { x: 1440, y: 0, width: 3840, height: 2110 };

describe('placeWindow', () => {
  it('keeps a saved position that is still on a screen', () => {
    const saved = { x: 2000, y: 100, width: 3000, height: 1800, maximized: false, fullScreen: true };
    expect(placeWindow(saved, [laptop, wall])).toEqual(saved);
  });

  it('drops the position when its screen is gone, and fits the size to the largest screen left', () => {
    const saved = { x: 2000, y: 100, width: 3000, height: 1800, maximized: false, fullScreen: true };
    expect(placeWindow(saved, [laptop])).toEqual({
      width: 1440,
      height: 860,
      maximized: false,
      fullScreen: true,
    });
  });

  it('drops a position that leaves only a sliver, or the title bar above the screen, visible', () => {
    const sliver = { x: 1400, y: 100, width: 1000, height: 700, maximized: false, fullScreen: false };
    expect(placeWindow(sliver, [laptop])).not.toHaveProperty('x');
    const aboveTop = { x: 100, y: -300, width: 1000, height: 700, maximized: false, fullScreen: false };
    expect(placeWindow(aboveTop, [laptop])).not.toHaveProperty('y');
  });

  it('starts from the default size, never below the minimum', () => {
    expect(placeWindow(undefined, [wall])).toEqual(DEFAULT_WINDOW_STATE);
    const tiny = { width: 10, height: 10, maximized: false, fullScreen: false };
    expect(placeWindow(tiny, [laptop])).toMatchObject({ width: 800, height: 500 });
  });
});
