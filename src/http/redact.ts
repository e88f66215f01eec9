/** Query parameters whose values are credentials (`?api_key=`, `?access_token=`, `?auth=` …). */
const SECRET_PARAM =
  /^(?:auth.*|.*token|api[-_]?key|apikey|key|password|passwd|pwd|secret|client[-_]?secret|signature|sig)$/i;

const MAX_SHOWN_LENGTH = 200;

/**
 * A URL as it may be shown or logged: no `user:pass@`, no fragment, and the values of secret-looking
 * query parameters replaced by REDACTED. A string that is not a URL loses everything from `?` or `#`.
 */
export function redactUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return redactUnparsable(String(url));
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  if (parsed.search) {
    const query = [...parsed.searchParams]
      .map(([name, value]) => [name, SECRET_PARAM.test(name) ? 'REDACTED' : value] as const)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&');
    parsed.search = query;
  }
  return parsed.href;
}

function redactUnparsable(text: string): string {
  const withoutQuery = text.replace(/[?#][\s\S]*$/, '');
  // A password may itself hold "/" or "@": drop everything up to the last "@", whatever it is.
  const withoutUserinfo = withoutQuery.replace(/^([a-z][a-z0-9+.-]*:\/*)?[\s\S]*@/i, '$1');
  // Control characters would let a crafted URL forge extra lines in logs.
  // eslint-disable-next-line no-control-regex
  const printable = withoutUserinfo.replace(/[\u0000-\u001f\u007f]/g, '');
  return printable.length > MAX_SHOWN_LENGTH ? `${printable.slice(0, MAX_SHOWN_LENGTH)}…` : printable;
}
