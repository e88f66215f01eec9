import type { Session, WebContents } from 'electron';
import type { Logger } from '../src/logger.js';
import { externalHttpUrl, isAppUrl } from './app-origin.js';

/** The only web permissions the cockpit asks for: notifications, and fullscreen for wall displays. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'fullscreen']);

export type WebSecurityDeps = Readonly<{
  /** `shell.openExternal`; called only with validated http(s) URLs. */
  openExternal: (url: string) => Promise<void>;
  logger: Logger;
}>;

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Keeps a window on the app's origin: navigation elsewhere is cancelled, new windows are never
 * created, and only http(s) links (alert runbooks, dashboards) go to the system browser. Alert text
 * is attacker-controllable, so a `javascript:`, `file:` or custom-scheme URL never reaches the OS.
 */
export function hardenWebContents(contents: GuardedContents, deps: WebSecurityDeps): void {
  const stayOnAppOrigin = (event: Electron.Event<{ url: string }>) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    deps.logger.warn('blocked a navigation away from the app', { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', stayOnAppOrigin);
  contents.on('will-redirect', stayOnAppOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalHttpUrl(url);
    if (external) {
      deps.openExternal(external).catch((error: unknown) => {
        deps.logger.warn('could not open a link in the browser', {
          url: external.slice(0, 200),
          error: error instanceof Error ? error.message : String(error),
        });
      });
    } else {
      deps.logger.warn('blocked a window or link that is not http(s)', { url: url.slice(0, 200) });
    }
    return { action: 'deny' };
  });
}

/**
 * Electron grants every permission by default. Deny all but ALLOWED_PERMISSIONS, and those only to
 * the app's own pages; the check handler covers the synchronous queries (e.g. Notification.permission).
 */
export function restrictPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingOrigin),
  );
}
