/**
 * The renderer's only door to the main process: `window.cockpit` has one function per api method
 * (from the method table; each sends one input object and answers the host's envelope), change
 * events, `onOpenAlert` for notification clicks and `onOpenView` for the tray's "Open war room". ipcRenderer itself, and the IpcRendererEvent
 * (whose `sender` is ipcRenderer), never cross the bridge.
 *
 * Built as CJS by electron-vite: a sandboxed preload cannot load ES modules, and it may require only
 * `electron`, so everything else here is bundled in (zod-free modules only).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { EnvelopeApi } from '../src/api/client.js';
import { CHANGE_TOPICS, METHODS, channelFor, methodNames } from '../src/api/methods.js';
import type { ChangeEvent, Disposable, Result } from '../src/api/wire.js';
import { failure, isEnvelope, readChangeEvent } from '../src/api/wire.js';
import { CHANGE_CHANNEL, OPEN_ALERT_CHANNEL, OPEN_VIEW_CHANNEL } from './ipc-channels.js';

/** What `window.cockpit` is: the api as envelopes, and a way to hear notification clicks. */
export type CockpitBridge = EnvelopeApi &
  Readonly<{
    /** Called with the alert id when the user clicks an alert's native notification. */
    onOpenAlert(listener: (alertId: string) => void): Disposable;
    /** Called with a view name when the tray asks for a view (the renderer ignores unknown names). */
    onOpenView(listener: (view: string) => void): Disposable;
  }>;

/** Never rejects: a broken answer, or a handler that crashed, becomes an envelope too. */
async function invoke(method: string, input: unknown): Promise<Result<unknown>> {
  try {
    const envelope: unknown = await ipcRenderer.invoke(channelFor(method), input);
    if (isEnvelope(envelope)) return envelope;
  } catch (error) {
    return failure(
      'internal',
      `${method} failed in the desktop host: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return failure('internal', `the desktop host sent an unreadable answer to ${method}`);
}

function subscribe<T>(
  channel: string,
  accept: (payload: unknown) => T | undefined,
  listener: (value: T) => void,
): Disposable {
  // Only the payload goes to the page; the event object would hand it ipcRenderer via `sender`.
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    const value = accept(payload);
    if (value !== undefined) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return { dispose: () => void ipcRenderer.removeListener(channel, handler) };
}

const methods = Object.fromEntries(
  methodNames(METHODS).map((method) => [method, (input?: unknown) => invoke(method, input)]),
) as unknown as Omit<EnvelopeApi, 'onDidChange'>;

export const cockpitBridge: CockpitBridge = {
  ...methods,
  onDidChange: (listener: (event: ChangeEvent) => void) =>
    subscribe(CHANGE_CHANNEL, (payload) => readChangeEvent(payload, CHANGE_TOPICS), listener),
  onOpenAlert: (listener) =>
    subscribe(
      OPEN_ALERT_CHANNEL,
      (payload) =>
        typeof payload === 'object' &&
        payload !== null &&
        'alertId' in payload &&
        typeof payload.alertId === 'string'
          ? payload.alertId
          : undefined,
      listener,
    ),
  onOpenView: (listener) =>
    subscribe(
      OPEN_VIEW_CHANNEL,
      (payload) =>
        typeof payload === 'object' &&
        payload !== null &&
        'view' in payload &&
        typeof payload.view === 'string'
          ? payload.view
          : undefined,
      listener,
    ),
};

contextBridge.exposeInMainWorld('cockpit', cockpitBridge);
