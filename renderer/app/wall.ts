import { isLanguage } from '../i18n/messages';
import type { Language } from '../i18n/messages';
import type { FeatureSpec, View } from './features';
import type { Theme } from './ui-store';

/**
 * Wall mode from the address bar: `/?wall=1&rotate=war-room,alerts&dwell=30&lang=zh-CN&theme=dark`.
 * A wall hides the controls, rotates through the listed pages (each feature's route; unknown ones are
 * skipped), pauses on interaction, and shows a full-screen overlay when no data on it is current.
 * `lang` and `theme` also work without `wall`.
 */
export type WallSettings = Readonly<{
  wall: boolean;
  /** Pages to rotate through, in order; fewer than two: no rotation. */
  rotate: readonly View[];
  dwellMs: number;
  language?: Language;
  theme?: Theme;
}>;

export const DEFAULT_DWELL_S = 30;
const MIN_DWELL_S = 5;
const MAX_DWELL_S = 3600;

type Routes = readonly Pick<FeatureSpec<View>, 'id' | 'route'>[];

export function parseWallSettings(search: string, features: Routes): WallSettings {
  const params = new URLSearchParams(search);
  const flag = params.get('wall');
  const wall = flag !== null && flag !== '0' && flag !== 'false';
  const rotate = (params.get('rotate') ?? '')
    .split(',')
    .map((route) => features.find((feature) => feature.route === route.trim())?.id)
    .filter((id): id is View => id !== undefined);
  const dwell = Number(params.get('dwell') ?? DEFAULT_DWELL_S);
  const dwellS = Number.isFinite(dwell)
    ? Math.min(MAX_DWELL_S, Math.max(MIN_DWELL_S, dwell))
    : DEFAULT_DWELL_S;
  const lang = params.get('lang');
  const theme = params.get('theme');
  return {
    wall,
    rotate,
    dwellMs: dwellS * 1000,
    ...(isLanguage(lang) ? { language: lang } : {}),
    ...(theme === 'dark' || theme === 'light' ? { theme } : {}),
  };
}

/** The page after `current` in the rotation (the first when `current` is not in it). */
export function nextInRotation(rotate: readonly View[], current: View): View | undefined {
  if (rotate.length < 2) return undefined;
  const index = rotate.indexOf(current);
  return rotate[(index + 1) % rotate.length];
}

/** An interaction pauses the rotation for this long: someone is reading or pointing at the wall. */
export function pauseMs(dwellMs: number): number {
  return Math.max(60_000, 2 * dwellMs);
}

/** Burn-in guard: the wall shifts by a few pixels every few minutes, cycling through these offsets. */
export const BURN_IN_OFFSETS: readonly (readonly [number, number])[] = [
  [0, 0],
  [3, 2],
  [-2, 3],
  [2, -3],
  [-3, -2],
];
export const BURN_IN_EVERY_MS = 4 * 60_000;

/** The watchdog reloads a wall whose data stopped moving for this long while the host still answers. */
export const WATCHDOG_STALL_MS = 3 * 60_000;
export const WATCHDOG_CHECK_MS = 30_000;
