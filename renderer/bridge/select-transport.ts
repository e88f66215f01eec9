import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { CockpitTransport } from './transport-types';

/**
 * IPC when the Electron preload is present, otherwise HTTP to the host that served this page.
 * API paths resolve against the page's folder so a reverse-proxy prefix keeps working.
 */
export function createTransportForPage(page: Window): CockpitTransport {
  if (page.cockpit) return createIpcTransport(page.cockpit);
  const token = new URLSearchParams(page.location.search).get('token') ?? undefined;
  return createHttpTransport(new URL('.', page.location.href).href, { token });
}
