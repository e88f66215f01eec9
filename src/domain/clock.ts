/** A timer started by a `Clock`; opaque (the brand exists only in types), so only that clock clears it. */
export type TimerHandle = Readonly<{ __brand: 'TimerHandle' }>;

/**
 * Time and timers, passed in so tests can drive them (test/support/fake-clock.ts). Everything that
 * schedules work (the poller's loops and watchdog) uses these timers, never the global ones.
 */
export type Clock = Readonly<{
  now(): number;
  /** Runs `fn` once after `ms`; never keeps the process alive on its own. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; a handle that already ran, or undefined, is ignored. */
  clearTimeout(handle: TimerHandle | undefined): void;
}>;

/** The wall clock and Node's timers (unref'd: a pending poll never holds the process open). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    (timer as { unref?: () => void }).unref?.();
    return timer as unknown as TimerHandle;
  },
  clearTimeout(handle) {
    if (handle !== undefined) clearTimeout(handle as unknown as NodeJS.Timeout);
  },
};
