import { useSyncExternalStore } from 'react';

/*
 * One 1-second ticker for the whole UI: every "for 12m" and clock reads the same instant, and
 * 10 000 cards cost one timer, not 10 000. It runs only while something is subscribed.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: number | undefined;

function tick(): void {
  now = Date.now();
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    // Refresh at once: the value may be from the last time anything was on screen.
    now = Date.now();
    timer = window.setInterval(tick, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot(): number {
  return now;
}

/** The current time in ms, re-rendering the caller once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot);
}
