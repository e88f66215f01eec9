import type { Disposable, ICockpitApi } from './contract.js';

/**
 * A CockpitApi whose calls wait for the real one, so a host can start answering (and serving the
 * renderer) while the core is still starting. If the core fails to start, every call rejects with
 * that failure and change listeners are never called.
 */
export function deferApi(ready: Promise<ICockpitApi>): ICockpitApi {
  // Calls made before a failure is noticed must not become unhandled rejections of `ready` itself.
  ready.catch(() => undefined);
  return {
    getOverview: () => ready.then((api) => api.getOverview()),
    listAlerts: (filter) => ready.then((api) => api.listAlerts(filter)),
    getAlert: (id) => ready.then((api) => api.getAlert(id)),
    listSources: () => ready.then((api) => api.listSources()),
    getTimeline: (input) => ready.then((api) => api.getTimeline(input)),
    getBoard: () => ready.then((api) => api.getBoard()),
    silenceAlert: (id, input) => ready.then((api) => api.silenceAlert(id, input)),
    onDidChange(listener): Disposable {
      let disposed = false;
      let inner: Disposable | undefined;
      ready.then(
        (api) => {
          if (!disposed) inner = api.onDidChange(listener);
        },
        () => undefined,
      );
      return {
        dispose() {
          disposed = true;
          inner?.dispose();
        },
      };
    },
  };
}
