import type { ReactNode } from 'react';
import { plainText } from './untrusted-text';

/**
 * Only absolute http(s) URLs may become links: alert text is untrusted (javascript:, file:, data:…).
 * A URL with credentials (`https://user:pass@host/`) never does: a click would send them, and
 * `https://trusted.example@evil.example/` reads as a trusted host.
 */
export function toSafeHref(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.username !== '' || url.password !== '') return undefined;
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The host of a URL, or the text itself when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * A URL shortened to a label that fits on one line: host and path, the path cut to its last segment
 * (`runbooks.example/…/disk-full`); the query string is left out. The full URL stays in the link.
 */
export function shortUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const segments = parsed.pathname.split('/').filter(Boolean);
  const last = segments.at(-1);
  const path = segments.length === 0 ? '' : segments.length === 1 ? `/${last}` : `/…/${last}`;
  const label = `${parsed.host}${path}${parsed.search || parsed.hash ? '…' : ''}`;
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

/**
 * A link that opens outside the app (Electron's main process validates it again), or the plain
 * text of the URL when it is not http(s).
 */
export function SafeLink(props: Readonly<{ url: string; children?: ReactNode }>) {
  const href = toSafeHref(props.url);
  if (href === undefined) return <span className="unsafe-url">{plainText(props.url)}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
      {props.children ?? plainText(props.url)}
    </a>
  );
}
