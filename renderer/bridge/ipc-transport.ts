import { createCockpitClient } from '../../src/api/client.js';
import type { EnvelopeApi } from '../../src/api/client.js';
import { createConnectionState } from './connection-state';
import type { CockpitTransport } from './transport-types';

/** The CockpitApi over the Electron preload's window.cockpit; IPC never "loses" the host. */
export function createIpcTransport(bridge: EnvelopeApi): CockpitTransport {
  const methods = bridge as unknown as Readonly<Record<string, EnvelopeApi['getOverview'] | undefined>>;
  const api = createCockpitClient((method, input) => {
    const call = methods[method];
    return call
      ? call(input)
      : Promise.resolve({
          ok: false,
          error: { code: 'unsupported', message: `this desktop host has no ${method}; update it` },
        });
  }, bridge);
  return { api, connection: createConnectionState('online'), dispose: () => undefined };
}
