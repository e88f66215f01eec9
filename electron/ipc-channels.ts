/**
 * The IPC vocabulary shared by main and preload. Type-only imports from the contract: the preload is
 * bundled into a sandboxed script and must not pull zod or any other runtime code from src/.
 */
import type { ApiError, ApiMethod } from '../src/api/contract.js';

/** The api methods that cross IPC, in contract order. */
export const IPC_METHODS = [
  'getOverview',
  'listAlerts',
  'getAlert',
  'listSources',
  'getTimeline',
  'getBoard',
  'silenceAlert',
] as const satisfies readonly ApiMethod[];

type MissingMethods = Exclude<ApiMethod, (typeof IPC_METHODS)[number]>;
// Compile-time guard: a method added to the contract without an IPC channel is a type error here.
const _allMethodsBridged: [MissingMethods] extends [never] ? true : MissingMethods = true;

/** Commands return the api's own result envelope; the preload hands it to the renderer as it is. */
export const COMMAND_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>(['silenceAlert']);

export const channelFor = (method: ApiMethod): string => `cockpit:${method}`;

/** Main → renderer: a `ChangeEvent` after each poll that changed something. */
export const CHANGE_CHANNEL = 'cockpit:change';
/** Main → renderer: `{ alertId }` when the user clicks an alert's notification. */
export const OPEN_ALERT_CHANNEL = 'cockpit:open-alert';

export type IpcError = ApiError;

/** What every IPC handler returns: plain data, since only `message` survives a thrown error. */
export type IpcEnvelope<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: IpcError }>;

export type OpenAlertMessage = Readonly<{ alertId: string }>;
