import type { Rectangle } from 'electron';

/** Where the window was and how it was shown, as persisted between runs. */
export type WindowState = Readonly<{
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen: boolean;
}>;

export const DEFAULT_WINDOW_STATE: WindowState = {
  width: 1440,
  height: 900,
  maximized: false,
  fullScreen: false,
};
export const MIN_WINDOW_SIZE = { width: 800, height: 500 } as const;

/** How much of the window (its title bar side) must lie on a screen for a saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved state made safe for today's screens: a wall display that was unplugged, or a laptop
 * undocked, must not leave the window off-screen. A position with too little of the window visible
 * is dropped (the OS centres the window) and the size is capped to the largest work area.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rectangle[]): WindowState {
  const state = saved ?? DEFAULT_WINDOW_STATE;
  const largest = workAreas.reduce<Rectangle | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, largest?.width ?? state.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, largest?.height ?? state.height));
  const { x, y } = state;
  const base = { width, height, maximized: state.maximized, fullScreen: state.fullScreen };
  if (x === undefined || y === undefined) return base;
  const visible = workAreas.some((area) => {
    const shared = overlap({ x, y, width, height }, area);
    return shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height && y >= area.y;
  });
  return visible ? { ...base, x, y } : base;
}
