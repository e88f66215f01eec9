import type { ICockpitApi } from '../../src/api/contract.js';
import { createConnectionState } from './connection-state';
import type { CockpitTransport } from './transport-types';

/** The CockpitApi the Electron preload exposes as window.cockpit; IPC never "loses" the host. */
export function createIpcTransport(bridge: ICockpitApi): CockpitTransport {
  const api: ICockpitApi = {
    getOverview: () => bridge.getOverview(),
    listAlerts: (filter) => bridge.listAlerts(filter),
    getAlert: (id) => bridge.getAlert(id),
    listSources: () => bridge.listSources(),
    getTimeline: (input) => bridge.getTimeline(input),
    getBoard: () => bridge.getBoard(),
    // Commands must not throw into the UI; a rejected invoke (handler crash) becomes an envelope.
    silenceAlert: (id, input) =>
      bridge.silenceAlert(id, input).catch((error: unknown) => ({
        ok: false as const,
        error: { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) },
      })),
    onDidChange: (listener) => bridge.onDidChange(listener),
  };
  return { api, connection: createConnectionState('online'), dispose: () => undefined };
}
