import type { ConnectionSnapshot, ConnectionState, IConnectionMonitor } from './transport-types';

export type ConnectionStateStore = IConnectionMonitor & Readonly<{ set: (state: ConnectionState) => void }>;

/** A tiny external store for useSyncExternalStore: snapshots change identity only on a real change. */
export function createConnectionState(
  initial: ConnectionState,
  now: () => number = Date.now,
): ConnectionStateStore {
  let snapshot: ConnectionSnapshot = { state: initial, since: now() };
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(state) {
      if (snapshot.state === state) return;
      snapshot = { state, since: now() };
      for (const listener of [...listeners]) listener();
    },
  };
}
