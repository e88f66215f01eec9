import type { Disposable, ICockpitApi } from '../src/api/contract.js';

/** What the Electron preload puts on window.cockpit (absent in a plain browser). */
export type DesktopBridge = ICockpitApi & {
  /** Fired when the user clicks a native notification: open that alert. */
  onOpenAlert?(listener: (alertId: string) => void): Disposable;
};

declare global {
  interface Window {
    cockpit?: DesktopBridge;
  }
}
export type { ICockpitApi };
