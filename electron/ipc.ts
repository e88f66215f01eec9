import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { InvalidInputError, parseInput } from '../src/api/cockpit-api.js';
import {
  alertFilterSchema,
  alertIdSchema,
  silenceInputSchema,
  timelineInputSchema,
} from '../src/api/contract.js';
import type { ApiErrorCode, ApiMethod, Disposable, ICockpitApi } from '../src/api/contract.js';
import type { Logger } from '../src/logger.js';
import { isAppUrl } from './app-origin.js';
import { CHANGE_CHANNEL, COMMAND_METHODS, IPC_METHODS, channelFor } from './ipc-channels.js';
import type { IpcEnvelope } from './ipc-channels.js';

export type IpcDeps = Readonly<{
  api: ICockpitApi;
  /** The one window allowed to call; undefined while it is closed. */
  getWindow(): BrowserWindow | undefined;
  logger: Logger;
}>;

type Invoke = (api: ICockpitApi, args: readonly unknown[]) => Promise<unknown>;

const optional = <T>(parse: (input: unknown) => T, input: unknown): T | undefined =>
  input === undefined ? undefined : parse(input);

/** Every payload arrives as `unknown` from a process that shows untrusted text: parse it first. */
const INVOKERS: Readonly<Record<ApiMethod, Invoke>> = {
  getOverview: (api) => api.getOverview(),
  listAlerts: (api, [filter]) =>
    api.listAlerts(optional((input) => parseInput(alertFilterSchema, input), filter)),
  getAlert: (api, [id]) => api.getAlert(parseInput(alertIdSchema, id)),
  listSources: (api) => api.listSources(),
  getTimeline: (api, [input]) =>
    api.getTimeline(optional((value) => parseInput(timelineInputSchema, value), input)),
  getBoard: (api) => api.getBoard(),
  silenceAlert: (api, [id, input]) =>
    api.silenceAlert(parseInput(alertIdSchema, id), parseInput(silenceInputSchema, input)),
};

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

function failure(code: ApiErrorCode, message: string): IpcEnvelope<never> {
  return { ok: false, error: { code, message } };
}

/** One call: sender check, payload parsing, the api, and an envelope whatever happens. */
export async function handleInvoke(
  method: ApiMethod,
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  args: readonly unknown[],
  deps: IpcDeps,
): Promise<unknown> {
  if (!isTrustedSender(event, deps.getWindow())) {
    deps.logger.warn('refused an IPC call from an untrusted sender', {
      method,
      url: event.senderFrame?.url.slice(0, 200),
    });
    return failure('forbidden', `${method} may only be called by the cockpit window`);
  }
  try {
    const value = await INVOKERS[method](deps.api, args);
    // A command already answers with its own envelope; pass it on unchanged.
    return COMMAND_METHODS.has(method) ? value : { ok: true, value };
  } catch (error) {
    if (error instanceof InvalidInputError) return failure('invalid-input', error.message);
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error('an IPC call failed', { method, error: message });
    return failure('internal', `${method} failed: ${message}`);
  }
}

/** Registers one `ipcMain.handle` per api method; dispose removes them. */
export function registerIpcHandlers(deps: IpcDeps): Disposable {
  for (const method of IPC_METHODS) {
    ipcMain.handle(channelFor(method), (event, ...args: unknown[]) =>
      handleInvoke(method, event, args, deps),
    );
  }
  return {
    dispose() {
      for (const method of IPC_METHODS) ipcMain.removeHandler(channelFor(method));
    },
  };
}

/** Sends every change event to the window, so its queries refetch what changed. */
export function forwardChanges(api: ICockpitApi, getWindow: () => BrowserWindow | undefined): Disposable {
  return api.onDidChange((event) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(CHANGE_CHANNEL, event);
  });
}
