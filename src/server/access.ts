/**
 * Who is calling the headless host: the configured tokens (plain or `sha256:<hex>`), each with a
 * role and a name, and the session cookie a browser gets in exchange for one. Tokens are compared as
 * SHA-256 digests in constant time; the cookie is an HMAC keyed by the token's digest, so it survives
 * a restart and dies with the token when the config drops it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiRole } from '../api/wire.js';

/** `viewer`: reads and the event stream (a wall display). `operator`: also commands (silence, claim …). */
export type Role = ApiRole;

export type AccessToken = Readonly<{
  /** The token itself, or `sha256:<64 hex>` of it. */
  token: string;
  role: Role;
  /** Who holds it: the audit log's `who` and the `createdBy` of what they create. */
  name?: string;
}>;

/** Who a credential names: its role, and the name configured for it. */
export type Caller = Readonly<{ role: Role; name?: string }>;

export const SESSION_COOKIE = 'cockpit_session';
/** How long a display stays signed in without being used; every use renews it. */
const SESSION_SECONDS = 30 * 24 * 3600;
const RENEW_AFTER_SECONDS = 24 * 3600;

type KnownToken = Readonly<{ digest: Buffer; role: Role; name?: string; id: string }>;

const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1 };

/** Whether `role` may do what `needed` allows. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

function digestOf(token: string): Buffer {
  const hashed = /^sha256:([0-9a-f]{64})$/i.exec(token);
  return hashed?.[1] ? Buffer.from(hashed[1], 'hex') : sha256(token);
}

function sessionMac(token: KnownToken, expires: number): string {
  return createHmac('sha256', token.digest)
    .update(`cockpit-session:${token.id}:${expires}`)
    .digest('base64url');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export type Credential = Readonly<{ caller: Caller; via: 'bearer' | 'cookie'; renewCookie?: string }>;

export type AccessControl = Readonly<{
  /** Whether any token is configured (then every `/api/` request but health needs one). */
  required(): boolean;
  /** The caller a bearer header or session cookie names, or undefined. */
  identify(headers: IncomingHttpHeaders, nowMs: number, secure: boolean): Credential | undefined;
  /** The `Set-Cookie` value of a new session for this bearer caller (`exchange`). */
  sessionCookie(headers: IncomingHttpHeaders, nowMs: number, secure: boolean): string | undefined;
  /** Replaces the tokens (config reload): sessions of removed tokens end at once. */
  update(tokens: readonly AccessToken[]): void;
}>;

function cookieFor(token: KnownToken, nowMs: number, secure: boolean): string {
  const expires = Math.floor(nowMs / 1000) + SESSION_SECONDS;
  const value = `${token.id}.${expires}.${sessionMac(token, expires)}`;
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The access control of a token list; an empty list means no token is needed (loopback only). */
export function createAccessControl(initial: readonly AccessToken[]): AccessControl {
  let known: KnownToken[] = [];
  const update = (tokens: readonly AccessToken[]) => {
    known = tokens.map((token, index) => {
      const digest = digestOf(token.token);
      // The id names the token in its cookie without revealing it: a prefix of a digest of the digest.
      const id = `${index}${sha256(digest.toString('hex')).toString('hex').slice(0, 8)}`;
      return { digest, role: token.role, ...(token.name ? { name: token.name } : {}), id };
    });
  };
  update(initial);

  const caller = (token: KnownToken): Caller => ({
    role: token.role,
    ...(token.name ? { name: token.name } : {}),
  });

  function byBearer(headers: IncomingHttpHeaders): KnownToken | undefined {
    const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!bearer) return undefined;
    const digest = sha256(bearer.trim());
    // Every configured token is compared, so the time taken does not tell which one nearly matched.
    let found: KnownToken | undefined;
    for (const token of known) if (equal(token.digest, digest) && !found) found = token;
    return found;
  }

  return {
    required: () => known.length > 0,
    identify(headers, nowMs, secure) {
      const bearer = byBearer(headers);
      if (bearer) return { caller: caller(bearer), via: 'bearer' };
      const cookie = readCookie(headers.cookie, SESSION_COOKIE);
      const [id, expiresText, mac] = (cookie ?? '').split('.');
      const expires = Number(expiresText);
      const token = known.find((candidate) => candidate.id === id);
      if (!token || !mac || !Number.isSafeInteger(expires) || expires * 1000 <= nowMs) return undefined;
      if (!equal(Buffer.from(sessionMac(token, expires)), Buffer.from(mac))) return undefined;
      const renew = expires - nowMs / 1000 < SESSION_SECONDS - RENEW_AFTER_SECONDS;
      return {
        caller: caller(token),
        via: 'cookie',
        ...(renew ? { renewCookie: cookieFor(token, nowMs, secure) } : {}),
      };
    },
    sessionCookie(headers, nowMs, secure) {
      const token = byBearer(headers);
      return token ? cookieFor(token, nowMs, secure) : undefined;
    },
    update,
  };
}

/** The cookie that ends a session (sign out). */
export function expiredSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
