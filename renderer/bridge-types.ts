import type { ICockpitApi } from '../src/api/contract.js';

/** What the Electron preload puts on window.cockpit (absent in a plain browser). */
declare global {
  interface Window {
    cockpit?: ICockpitApi;
  }
}
export type { ICockpitApi };
