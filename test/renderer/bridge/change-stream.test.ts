import { describe, expect, it } from 'vitest';
import { SILENCE_LIMIT_MS, createChangeStream } from '../../../renderer/bridge/change-stream';
import type { EventSourceLike } from '../../../renderer/bridge/change-stream';
import { createConnectionState } from '../../../renderer/bridge/connection-state';

class StubEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  addEventListener(type: 'change' | 'ping', listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: 'change' | 'ping', data: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }
}

/** A manual clock: timers run only when the test advances time. */
function manualTimers() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimer: (callback: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimer: (handle: unknown) => void timers.delete(handle as number),
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now && timers.delete(id)) timer.callback();
      }
    },
  };
}

function setup() {
  const sources: StubEventSource[] = [];
  const connection = createConnectionState('connecting');
  const timers = manualTimers();
  const stream = createChangeStream({
    url: '/api/events',
    createEventSource: () => {
      const source = new StubEventSource();
      sources.push(source);
      return source;
    },
    connection,
    ...timers,
  });
  stream.subscribe(() => undefined);
  const current = () => sources.at(-1)!;
  current().readyState = 1;
  current().onopen?.(new Event('open'));
  return { sources, connection, timers, current, stream };
}

describe('change stream watchdog', () => {
  it('treats a stream silent for longer than the limit as lost and opens a new one', () => {
    const { sources, connection, timers } = setup();
    expect(connection.getSnapshot().state).toBe('online');
    timers.advance(SILENCE_LIMIT_MS + 1);
    expect(connection.getSnapshot().state).toBe('lost');
    expect(sources[0]?.closed).toBe(true);
    timers.advance(1_000);
    expect(sources).toHaveLength(2);
  });

  it('keeps a quiet stream open while the host pings', () => {
    const { sources, connection, timers, current } = setup();
    for (let minute = 0; minute < 5; minute += 1) {
      timers.advance(15_000);
      current().emit('ping', '{}');
    }
    expect(connection.getSnapshot().state).toBe('online');
    expect(sources).toHaveLength(1);
    expect(sources[0]?.closed).toBe(false);
  });
});
