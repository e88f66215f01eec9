import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SourceInfo } from '../../src/domain/index.js';
import { useLanguage, useT } from '../i18n/use-translate';
import { formatAsOf } from '../ui/format';
import { useNow } from '../ui/use-now';
import { allStale, sourceFreshness } from '../war-room/freshness';
import { useUi, useUiStoreApi } from './cockpit-context';
import { useSources } from './queries';
import { queryKeys } from './query-keys';
import {
  BURN_IN_EVERY_MS,
  BURN_IN_OFFSETS,
  nextInRotation,
  pauseMs,
  WATCHDOG_CHECK_MS,
  WATCHDOG_STALL_MS,
} from './wall';
import type { WallSettings } from './wall';

/**
 * Rotates through the wall's pages every `dwellMs`; a click, key or wheel pauses it (someone is
 * reading) for `pauseMs`, after which it goes on from the page shown.
 */
export function useWallRotation(
  settings: WallSettings | undefined,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): void {
  const store = useUiStoreApi();
  useEffect(() => {
    if (!settings || settings.rotate.length < 2) return undefined;
    let pausedUntil = 0;
    const pause = () => {
      pausedUntil = Date.now() + pauseMs(settings.dwellMs);
    };
    const timer = setInterval(() => {
      if (Date.now() < pausedUntil) return;
      const next = nextInRotation(settings.rotate, store.getState().view);
      if (next !== undefined) store.getState().setView(next);
    }, settings.dwellMs);
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const event of events) target.addEventListener(event, pause, { passive: true });
    return () => {
      clearInterval(timer);
      for (const event of events) target.removeEventListener(event, pause);
    };
  }, [settings, store, target]);
}

export type WatchdogDeps = Readonly<{
  /** Whether the host answers (a reload while it is down would show a browser error page instead). */
  probe: () => Promise<boolean>;
  reload: () => void;
}>;

/**
 * Reloads a wall whose data stopped moving: when no query has had fresh data for WATCHDOG_STALL_MS
 * (sources poll every few seconds and every poll refetches the overview) and the host still answers,
 * the page is stuck — a leaked state, a dead stream the browser did not notice — and a reload heals it.
 */
export function useWatchdog(enabled: boolean, deps: WatchdogDeps): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    const startedAt = Date.now();
    const timer = setInterval(() => {
      const latest = Math.max(
        startedAt,
        ...queryClient
          .getQueryCache()
          .findAll({ queryKey: queryKeys.overview() })
          .map((query) => query.state.dataUpdatedAt),
      );
      if (Date.now() - latest < WATCHDOG_STALL_MS) return;
      void deps.probe().then(
        (up) => up && deps.reload(),
        () => undefined,
      );
    }, WATCHDOG_CHECK_MS);
    return () => clearInterval(timer);
  }, [enabled, deps, queryClient]);
}

/** The burn-in guard's current offset: a few pixels, changing every few minutes. */
export function useBurnInOffset(enabled: boolean): readonly [number, number] {
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (!enabled) return undefined;
    const timer = setInterval(() => setStep((current) => current + 1), BURN_IN_EVERY_MS);
    return () => clearInterval(timer);
  }, [enabled]);
  return enabled ? BURN_IN_OFFSETS[step % BURN_IN_OFFSETS.length]! : [0, 0];
}

function StaleLine(props: Readonly<{ source: SourceInfo; now: number }>) {
  const t = useT();
  const language = useLanguage();
  const { source } = props;
  return (
    <li>
      <strong>{source.name}</strong>{' '}
      {source.lastSuccessAt
        ? t('wall.staleSince', { time: formatAsOf(source.lastSuccessAt, language, props.now) })
        : t('warRoom.neverSucceeded')}
      {source.lastError && <span className="stale-overlay-error"> — {source.lastError}</span>}
    </li>
  );
}

/**
 * Full screen, over everything: no data on this screen is current. A wall must never show old
 * numbers as if they were live; this names every source and since when it has been silent.
 */
export function StaleOverlay() {
  const t = useT();
  const now = useNow();
  const sources = useSources();
  const list = sources.data;
  if (!list || !allStale(list, now)) return null;
  const worstFirst = [...list].sort(
    (a, b) => (sourceFreshness(b, now).ageMs ?? Infinity) - (sourceFreshness(a, now).ageMs ?? Infinity),
  );
  return (
    <div className="stale-overlay" role="alert" data-overlay="stale">
      <h2>{t('wall.staleTitle')}</h2>
      <p>{t('wall.staleBody')}</p>
      <ul>
        {worstFirst.map((source) => (
          <StaleLine key={source.id} source={source} now={now} />
        ))}
      </ul>
    </div>
  );
}

/** Wall-only behaviour: rotation, watchdog, burn-in guard and the overlay; nothing when not a wall. */
export function WallMode(props: Readonly<{ settings: WallSettings | undefined; watchdog?: WatchdogDeps }>) {
  const wall = useUi((state) => state.wall);
  useWallRotation(wall ? props.settings : undefined);
  useWatchdog(wall && props.watchdog !== undefined, props.watchdog ?? NO_WATCHDOG);
  const [x, y] = useBurnInOffset(wall);
  useEffect(() => {
    document.documentElement.style.setProperty('--burn-in-x', `${x}px`);
    document.documentElement.style.setProperty('--burn-in-y', `${y}px`);
  }, [x, y]);
  return wall ? <StaleOverlay /> : null;
}

const NO_WATCHDOG: WatchdogDeps = { probe: async () => false, reload: () => undefined };
