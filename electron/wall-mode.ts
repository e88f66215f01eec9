import { powerSaveBlocker } from 'electron';
import type { Disposable } from '../src/api/wire.js';
import type { Logger } from '../src/logger.js';
import { APP_ENTRY_URL } from './app-origin.js';

/** The page a window loads: the renderer, in wall mode (`?wall=1`) on a display set up as a wall. */
export function entryUrl(wall: boolean): string {
  return wall ? `${APP_ENTRY_URL}?wall=1` : APP_ENTRY_URL;
}

export type WallMode = Disposable &
  Readonly<{
    enabled(): boolean;
    /** Turns wall mode on or off: the display is kept awake while on; the window reloads the page. */
    set(wall: boolean): void;
  }>;

export type WallModeDeps = Readonly<{
  initial: boolean;
  /** Remembers the choice and loads `url` (the page with or without `?wall=1`). */
  onChange(wall: boolean, url: string): void;
  logger: Logger;
}>;

/**
 * The desktop's per-display wall setting: the renderer's wall mode (no controls, rotation, the stale
 * overlay, the watchdog, the burn-in drift) plus what only the host can do — keep the display from
 * sleeping (`powerSaveBlocker`, prevent-display-sleep) for as long as it is a wall.
 */
export function createWallMode(deps: WallModeDeps): WallMode {
  let blocker: number | undefined;
  let wall = false;

  function apply(next: boolean): void {
    wall = next;
    if (next && blocker === undefined) {
      blocker = powerSaveBlocker.start('prevent-display-sleep');
      deps.logger.info('wall mode: keeping the display awake');
    } else if (!next && blocker !== undefined) {
      powerSaveBlocker.stop(blocker);
      blocker = undefined;
    }
  }

  apply(deps.initial);
  return {
    enabled: () => wall,
    set(next) {
      if (next === wall) return;
      apply(next);
      deps.onChange(next, entryUrl(next));
    },
    dispose() {
      if (blocker !== undefined) powerSaveBlocker.stop(blocker);
      blocker = undefined;
    },
  };
}
