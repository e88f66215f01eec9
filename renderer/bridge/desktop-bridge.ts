import type { EnvelopeApi } from '../../src/api/client.js';
import type { Disposable } from '../../src/api/wire.js';

/** What the Electron preload puts on window.cockpit (absent in a plain browser): the api as envelopes. */
export type DesktopBridge = EnvelopeApi & {
  /** Fired when the user clicks a native notification: open that alert. */
  onOpenAlert?(listener: (alertId: string) => void): Disposable;
  /** Fired when the tray asks for a view ("Open war room"): any string, checked against the views. */
  onOpenView?(listener: (view: string) => void): Disposable;
};

declare global {
  interface Window {
    cockpit?: DesktopBridge;
  }
}
