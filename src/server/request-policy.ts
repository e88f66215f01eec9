/**
 * Which requests the headless host answers at all, before any credential is looked at: the Host it
 * was addressed to (DNS rebinding), where a state-changing request comes from (CSRF), and bad input
 * a browser never sends (percent escapes, deep JSON). Pure functions over headers and values.
 */
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/** The host part of a Host header (`[::1]:8080` → `::1`, `Example:80` → `example`), or undefined. */
export function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]?.toLowerCase();
  const plain = /^([^:]+)(?::\d+)?$/.exec(header);
  return plain?.[1]?.toLowerCase();
}

function isLoopbackAddress(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Whether the host binds loopback only (then no token is needed and no other Host is answered). */
export function isLoopbackBind(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

export type HostPolicy = Readonly<{
  /** The address the server listens on. */
  bind: string;
  /** Names (not addresses) that the host answers to besides `localhost`: `server.hostNames`. */
  hostNames?: readonly string[];
}>;

/**
 * Whether to answer a request addressed to `host`. A DNS-rebinding page reaches us under its own
 * *name*, so names are refused unless configured; an IP literal cannot be rebound. Loopback literals
 * always pass; other literals only when we listen beyond loopback (all of them on 0.0.0.0 / ::).
 */
export function hostAllowed(host: string | undefined, policy: HostPolicy): boolean {
  if (host === undefined) return false;
  if (host === 'localhost' || isLoopbackAddress(host)) return true;
  if (policy.hostNames?.some((name) => name.toLowerCase() === host)) return true;
  if (isIP(host) === 0 || isLoopbackBind(policy.bind)) return false;
  const wildcard = policy.bind === '0.0.0.0' || policy.bind === '::' || policy.bind === '';
  return wildcard || host === policy.bind.toLowerCase();
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/**
 * Why a request to `/api/` looks cross-site, or undefined when it may proceed. `Sec-Fetch-Site` is
 * honoured where the browser sends it (only `same-origin` and `none`, a typed URL, pass); a
 * state-changing request must carry an `Origin` naming the host it was sent to (the Host header,
 * already checked against the allowed names; the scheme may differ behind a TLS-terminating proxy)
 * unless it authenticates with an `Authorization` header, which no cross-site page can send
 * without a preflight we never answer.
 */
export function crossSiteReason(method: string, headers: IncomingHttpHeaders): string | undefined {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `the browser marked this request ${site}; the cockpit answers only its own pages`;
  }
  if (!STATE_CHANGING.has(method) || headers.authorization !== undefined) return undefined;
  const origin = headers.origin;
  const ownHost = (headers.host ?? '').toLowerCase();
  if (origin === undefined) return `a ${method} needs an Origin header or an Authorization header`;
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost !== ownHost) {
    return `a ${method} from ${origin} is refused; only pages of ${ownHost} may change things`;
  }
  return undefined;
}

/** `decodeURIComponent` that answers undefined for a malformed escape (`%`, `%FF%FE`) instead of throwing. */
export function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Deeper than any input of the api: a bound on the work of every later step (schema, structured clone). */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `limit` arrays/objects (iterative: no stack to blow). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
