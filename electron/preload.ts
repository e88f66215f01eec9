/**
 * The renderer's only door to the main process: `window.cockpit` implements ICockpitApi with one
 * function per api method, plus `onOpenAlert` for notification clicks. ipcRenderer itself, and the
 * IpcRendererEvent (whose `sender` is ipcRenderer), never cross the bridge.
 *
 * Built as CJS by electron-vite: a sandboxed preload cannot load ES modules, and it may require only
 * `electron`, so everything else here is bundled in (type-only imports from src/).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { ChangeEvent, Disposable, ICockpitApi, Result } from '../src/api/contract.js';
import { CHANGE_CHANNEL, OPEN_ALERT_CHANNEL, channelFor } from './ipc-channels.js';
import type { IpcEnvelope } from './ipc-channels.js';

type QueryMethod = Exclude<keyof ICockpitApi, 'silenceAlert' | 'onDidChange'>;
type QueryValue<M extends QueryMethod> = Awaited<ReturnType<ICockpitApi[M]>>;

/** What `window.cockpit` is: the CockpitApi, and a way to hear notification clicks. */
export type CockpitBridge = ICockpitApi &
  Readonly<{
    /** Called with the alert id when the user clicks an alert's native notification. */
    onOpenAlert(listener: (alertId: string) => void): Disposable;
  }>;

function isEnvelope(value: unknown): value is IpcEnvelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return (
    value.ok === false &&
    'error' in value &&
    typeof value.error === 'object' &&
    value.error !== null &&
    'message' in value.error &&
    typeof value.error.message === 'string'
  );
}

/** Queries throw on failure like any async call; the message is the host's sentence. */
async function query<M extends QueryMethod>(method: M, ...args: unknown[]): Promise<QueryValue<M>> {
  const envelope: unknown = await ipcRenderer.invoke(channelFor(method), ...args);
  if (!isEnvelope(envelope)) throw new Error(`the desktop host sent an unreadable answer to ${method}`);
  if (!envelope.ok) throw new Error(envelope.error.message);
  // The main process builds this value from the same contract (electron/ipc.ts), so its type holds.
  return envelope.value as QueryValue<M>;
}

/** Commands never throw: their envelope (including the host's forbidden/invalid-input) is the answer. */
async function command(
  method: 'silenceAlert',
  ...args: unknown[]
): Promise<Result<Readonly<{ silenceId: string }>>> {
  const envelope: unknown = await ipcRenderer.invoke(channelFor(method), ...args);
  if (isEnvelope(envelope)) return envelope as Result<Readonly<{ silenceId: string }>>;
  return {
    ok: false,
    error: { code: 'internal', message: `the desktop host sent an unreadable answer to ${method}` },
  };
}

function isChangeEvent(value: unknown): value is ChangeEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    'topics' in value &&
    Array.isArray(value.topics) &&
    'version' in value &&
    typeof value.version === 'number'
  );
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

export const cockpitBridge: CockpitBridge = {
  getOverview: () => query('getOverview'),
  listAlerts: (filter) => query('listAlerts', filter),
  getAlert: (id) => query('getAlert', id),
  listSources: () => query('listSources'),
  getTimeline: (input) => query('getTimeline', input),
  getBoard: () => query('getBoard'),
  silenceAlert: (id, input) => command('silenceAlert', id, input),
  onDidChange: (listener) =>
    subscribe(CHANGE_CHANNEL, (payload) => (isChangeEvent(payload) ? payload : undefined), listener),
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
};

contextBridge.exposeInMainWorld('cockpit', cockpitBridge);
