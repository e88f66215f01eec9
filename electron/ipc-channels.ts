/**
 * The IPC vocabulary shared by main and preload beyond the api's methods (whose channels come from
 * `channelFor` in src/api/methods.ts). Zod-free: the preload is bundled into a sandboxed script.
 */

/** Main → renderer: a `ChangeEvent` after each poll that changed something. */
export const CHANGE_CHANNEL = 'cockpit:change';
/** Main → renderer: `{ alertId }` when the user clicks an alert's notification. */
export const OPEN_ALERT_CHANNEL = 'cockpit:open-alert';

export type OpenAlertMessage = Readonly<{ alertId: string }>;

/** Main → renderer: `{ view }` when the tray's "Open war room" is picked (the renderer checks the name). */
export const OPEN_VIEW_CHANNEL = 'cockpit:open-view';

export type OpenViewMessage = Readonly<{ view: string }>;
