import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { CockpitTransport } from './transport-types';

/**
 * IPC when the Electron preload is present, otherwise HTTP to the host that served this page.
 * API paths resolve against the page's folder so a reverse-proxy prefix keeps working. `token`: the
 * one the page was opened with (`takeTokenFromUrl`), kept in memory only.
 */
export function createTransportForPage(page: Window, token?: string): CockpitTransport {
  if (page.cockpit) return createIpcTransport(page.cockpit);
  return createHttpTransport(new URL('.', page.location.href).href, token ? { token } : {});
}
