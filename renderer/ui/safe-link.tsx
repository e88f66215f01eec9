import type { ReactNode } from 'react';

/** Only absolute http(s) URLs may become links: alert text is untrusted (javascript:, file:, data:…). */
export function toSafeHref(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim());
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
  if (href === undefined) return <span className="unsafe-url">{props.url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {props.children ?? props.url}
    </a>
  );
}
