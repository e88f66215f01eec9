import { CHANGE_TOPICS } from '../../src/api/methods.js';
import type { ChangeEvent } from '../../src/api/wire.js';
import { readChangeEvent } from '../../src/api/wire.js';
import type { ConnectionStateStore } from './connection-state';

/** The part of the browser's EventSource the transport uses, so tests can stub it. */
export type EventSourceLike = {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: 'change' | 'ping', listener: (event: MessageEvent<string>) => void): void;
  close(): void;
};
export type EventSourceFactory = (url: string) => EventSourceLike;

const EVENT_SOURCE_CLOSED = 2;
/**
 * The host pings every 15 s. A connection that died without closing (a sleeping laptop, a proxy that
 * drops idle streams) sends nothing; after this long without a word it is treated as lost and reopened.
 */
export const SILENCE_LIMIT_MS = 45_000;
/** Backoff for re-creating a closed EventSource; the browser retries a merely dropped one itself. */
const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 15_000] as const;

/** Parses `data:` of an SSE `change` event; unknown topics from a newer host are dropped. */
export function parseChangeEvent(data: string): ChangeEvent | undefined {
  try {
    return readChangeEvent(JSON.parse(data), CHANGE_TOPICS);
  } catch {
    return undefined;
  }
}

export type ChangeStream = Readonly<{
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  dispose(): void;
}>;

/**
 * One EventSource shared by every onDidChange listener. It opens on the first subscription and stays
 * open until dispose, so React's mount/unmount churn does not flap the connection state.
 */
export function createChangeStream(options: {
  url: string;
  createEventSource: EventSourceFactory;
  connection: ConnectionStateStore;
  /** Opens the stream only once this settles (the session cookie it authenticates with is set). */
  ready?: Promise<unknown>;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}): ChangeStream {
  const setTimer = options.setTimer ?? ((callback, ms) => window.setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => window.clearTimeout(handle as number));
  const listeners = new Set<(event: ChangeEvent) => void>();
  let source: EventSourceLike | undefined;
  let retryTimer: unknown;
  let watchdog: unknown;
  let attempt = 0;
  let disposed = false;
  let waiting = false;

  const heardFrom = (eventSource: EventSourceLike): void => {
    if (watchdog !== undefined) clearTimer(watchdog);
    watchdog = setTimer(() => {
      watchdog = undefined;
      if (disposed || source !== eventSource) return;
      options.connection.set('lost');
      scheduleReopen(eventSource);
    }, SILENCE_LIMIT_MS);
  };

  const open = (): void => {
    const eventSource = options.createEventSource(options.url);
    source = eventSource;
    heardFrom(eventSource);
    eventSource.onopen = () => {
      attempt = 0;
      heardFrom(eventSource);
      options.connection.set('online');
    };
    eventSource.addEventListener('ping', () => heardFrom(eventSource));
    eventSource.onerror = () => {
      options.connection.set('lost');
      // A CLOSED EventSource (non-200 answer, wrong content type) never retries on its own.
      if (eventSource.readyState === EVENT_SOURCE_CLOSED && !disposed) scheduleReopen(eventSource);
    };
    eventSource.addEventListener('change', (message) => {
      heardFrom(eventSource);
      const event = parseChangeEvent(message.data);
      if (event === undefined || event.topics.length === 0) return;
      for (const listener of [...listeners]) listener(event);
    });
  };

  const scheduleReopen = (closed: EventSourceLike): void => {
    closed.close();
    if (retryTimer !== undefined) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 15_000;
    attempt += 1;
    retryTimer = setTimer(() => {
      retryTimer = undefined;
      if (!disposed) open();
    }, delay);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (source !== undefined || disposed || waiting) return () => listeners.delete(listener);
      if (options.ready) {
        waiting = true;
        void options.ready.finally(() => {
          waiting = false;
          if (source === undefined && !disposed) open();
        });
      } else open();
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      listeners.clear();
      if (retryTimer !== undefined) clearTimer(retryTimer);
      if (watchdog !== undefined) clearTimer(watchdog);
      source?.close();
    },
  };
}
