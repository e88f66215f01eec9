import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { ApiDispatcher } from '../src/api/dispatch.js';
import { METHODS, channelFor, methodNames } from '../src/api/methods.js';
import type { MethodTable } from '../src/api/methods.js';
import type { Disposable, Result } from '../src/api/wire.js';
import { failure } from '../src/api/wire.js';
import type { Logger } from '../src/logger.js';
import { isAppUrl } from './app-origin.js';
import { CHANGE_CHANNEL } from './ipc-channels.js';

export type IpcDeps = Readonly<{
  api: ApiDispatcher;
  /** The one window allowed to call; undefined while it is closed. */
  getWindow(): BrowserWindow | undefined;
  logger: Logger;
  /** The methods to register; the cockpit's by default. */
  methods?: MethodTable;
}>;

/**
 * True only for our window's top frame showing the app's origin. A subframe, another window, or our
 * frame after it was navigated elsewhere is refused (Electron security checklist #17).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow | undefined,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || window.isDestroyed()) return false;
  const contents = window.webContents;
  const mainFrame = contents.mainFrame;
  const isMainFrame =
    frame.parent === null &&
    frame.frameTreeNodeId === mainFrame.frameTreeNodeId &&
    frame.processId === mainFrame.processId &&
    frame.routingId === mainFrame.routingId;
  return event.sender.id === contents.id && isMainFrame && isAppUrl(frame.url);
}

/**
 * One call: sender check, then the api's edge, which parses the `unknown` payload (it comes from a
 * process that shows untrusted text) and answers an envelope whatever happens.
 */
export async function handleInvoke(
  method: string,
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  input: unknown,
  deps: IpcDeps,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event, deps.getWindow())) {
    deps.logger.warn('refused an IPC call from an untrusted sender', {
      method,
      url: event.senderFrame?.url.slice(0, 200),
    });
    return failure('forbidden', `${method} may only be called by the cockpit window`);
  }
  try {
    return await deps.api.dispatch(method, input);
  } catch (error) {
    // The dispatcher answers envelopes; only a broken link to the core (it stopped) ends up here.
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error('an IPC call failed', { method, error: message });
    return failure('internal', `${method} failed: ${message}`);
  }
}

/** Registers one `ipcMain.handle` per api method (one input object each); dispose removes them. */
export function registerIpcHandlers(deps: IpcDeps): Disposable {
  const names = methodNames(deps.methods ?? METHODS);
  for (const method of names) {
    ipcMain.handle(channelFor(method), (event, input: unknown) => handleInvoke(method, event, input, deps));
  }
  return {
    dispose() {
      for (const method of names) ipcMain.removeHandler(channelFor(method));
    },
  };
}

/** Sends every change event to the window, so its queries refetch what changed. */
export function forwardChanges(api: ApiDispatcher, getWindow: () => BrowserWindow | undefined): Disposable {
  return api.onDidChange((event) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(CHANGE_CHANNEL, event);
  });
}
