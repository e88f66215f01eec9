import type { ICockpitApi } from '../../src/api/client.js';

/**
 * connecting: the change stream has not opened yet. online: it is open. lost: it dropped and the
 * transport is retrying; data on screen may be out of date. unauthorized: the host answered 401 —
 * this screen needs an access token; retrying will not help.
 */
export type ConnectionState = 'connecting' | 'online' | 'lost' | 'unauthorized';

export type ConnectionSnapshot = Readonly<{ state: ConnectionState; since: number }>;

/** How the UI learns whether change events still arrive (IPC is always online). */
export interface IConnectionMonitor {
  // Function-typed properties: React calls these detached (useSyncExternalStore), so no `this`.
  readonly getSnapshot: () => ConnectionSnapshot;
  readonly subscribe: (listener: () => void) => () => void;
}

/** What the UI receives: the one api it talks to, plus the health of the link to it. */
export type CockpitTransport = Readonly<{
  api: ICockpitApi;
  connection: IConnectionMonitor;
  dispose(): void;
}>;
