/** The renderer's origin: files from out/renderer served by our own `app://` protocol, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cockpit';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `value` is a URL of the app's origin. Parsed with `new URL`, never compared as a string
 * prefix (`app://cockpit.evil/` must not pass); compared by parts because Node reports the origin of
 * a custom scheme as "null".
 */
export function isAppUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The URL when it is an absolute http(s) URL (the only links we hand to the OS), else undefined. */
export function externalHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // Credentials in a link are a phishing trick (https://good.example@evil.example/), not a feature.
    if (url.username || url.password) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}
