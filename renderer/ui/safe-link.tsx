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

/**
 * A link that opens outside the app (Electron's main process validates it again), or the plain
 * text of the URL when it is not http(s).
 */
export function SafeLink(props: Readonly<{ url: string; children?: ReactNode }>) {
  const href = toSafeHref(props.url);
  if (href === undefined) return <span className="unsafe-url">{plainText(props.url)}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {props.children ?? plainText(props.url)}
    </a>
  );
}
