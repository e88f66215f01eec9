import type { Clock, TimerHandle } from '../../src/domain/index.js';

/** A clock whose time moves only when a test says so. */
export type FakeClock = Clock &
  Readonly<{
    /** Moves time forward by `ms`, running every timer that falls due, in order of due time. */
    advance(ms: number): void;
    /** How many timers are waiting. */
    pendingTimers(): number;
    /** When the earliest waiting timer falls due, if any. */
    nextDueAt(): number | undefined;
  }>;

type Timer = { id: number; dueAt: number; fn: () => void };

/** A fake Clock for tests (STYLE.md rule 16): timers run only inside `advance`. */
export function createFakeClock(startMs = Date.parse('2026-11-21T03:00:00Z')): FakeClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const handles = new WeakMap<TimerHandle, number>();

  function nextDue(until: number): Timer | undefined {
    let first: Timer | undefined;
    for (const timer of timers.values()) {
      if (timer.dueAt > until) continue;
      // Equal due times run in the order they were set.
      if (!first || timer.dueAt < first.dueAt || (timer.dueAt === first.dueAt && timer.id < first.id))
        first = timer;
    }
    return first;
  }

  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, dueAt: now + Math.max(0, ms), fn });
      const handle = Object.freeze({ id }) as unknown as TimerHandle;
      handles.set(handle, id);
      return handle;
    },
    clearTimeout(handle) {
      const id = handle === undefined ? undefined : handles.get(handle);
      if (id !== undefined) timers.delete(id);
    },
    advance(ms) {
      const until = now + ms;
      // A timer set by another timer runs too when it falls due before `until`.
      for (let timer = nextDue(until); timer; timer = nextDue(until)) {
        timers.delete(timer.id);
        now = timer.dueAt;
        timer.fn();
      }
      now = until;
    },
    pendingTimers: () => timers.size,
    nextDueAt: () => nextDue(Number.POSITIVE_INFINITY)?.dueAt,
  };
}

/** Lets settled promises run their callbacks; no time passes (a real event-loop turn, not a sleep). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Moves `clock` forward by `ms` one timer at a time, letting the work each timer starts (a poll that
 * answers in microtasks) finish and set its next timer before time moves on.
 */
export async function runFor(clock: FakeClock, ms: number): Promise<void> {
  const until = clock.now() + ms;
  await settle();
  for (let due = clock.nextDueAt(); due !== undefined && due <= until; due = clock.nextDueAt()) {
    clock.advance(due - clock.now());
    await settle();
  }
  clock.advance(until - clock.now());
}
