/**
 * A byte-level pass over Alertmanager's alert list that finds each alert's bytes without parsing
 * them, so a poll only parses the alerts whose bytes changed. At 100k alerts (~300 MB) decoding and
 * JSON.parse of everything cost ~1.8 s; most alerts are the same as last time.
 */
import { createHash } from 'node:crypto';

/** One alert of the list: where its bytes are, its fingerprint, and a hash of what can change. */
export type RawAlert = Readonly<{ start: number; end: number; fingerprint?: string; hash: string }>;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const KEY_UPDATED_AT = Buffer.from('updatedAt');
const KEY_ENDS_AT = Buffer.from('endsAt');
const KEY_FINGERPRINT = Buffer.from('fingerprint');

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(body: Buffer, index: number): number {
  let at = index;
  while (at < body.length && isSpace(body[at])) at += 1;
  return at;
}

/** Index just past the string that opens at `index` (a quote), or -1 when it never closes. */
function stringEnd(body: Buffer, index: number): number {
  let at = index + 1;
  for (;;) {
    const quote = body.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let back = quote - 1; back > index && body[back] === BACKSLASH; back -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function keyIs(body: Buffer, start: number, end: number, key: Buffer): boolean {
  return end - start - 2 === key.length && body.compare(key, 0, key.length, start + 1, end - 1) === 0;
}

/**
 * Scans one object starting at `start` ('{'). Returns its end, the fingerprint, and the byte ranges
 * of the top-level `updatedAt` and `endsAt` values, which Alertmanager moves on every evaluation and
 * which therefore do not count as a change. Nested keys of the same names (in labels) are not skipped.
 */
function scanObject(
  body: Buffer,
  start: number,
): { end: number; fingerprint?: string; skipped: [number, number][] } | undefined {
  let depth = 0;
  let at = start;
  let expectKey = false;
  const skipped: [number, number][] = [];
  let fingerprint: string | undefined;
  while (at < body.length) {
    const byte = body[at];
    if (byte === QUOTE) {
      const end = stringEnd(body, at);
      if (end < 0) return undefined;
      if (depth === 1 && expectKey) {
        const colon = skipSpace(body, end);
        const value = skipSpace(body, colon + 1);
        if (body[colon] === COLON && body[value] === QUOTE) {
          const valueEnd = stringEnd(body, value);
          if (valueEnd < 0) return undefined;
          if (keyIs(body, at, end, KEY_UPDATED_AT) || keyIs(body, at, end, KEY_ENDS_AT)) {
            skipped.push([value, valueEnd]);
          } else if (keyIs(body, at, end, KEY_FINGERPRINT)) {
            fingerprint = body.toString('latin1', value + 1, valueEnd - 1);
          }
          at = valueEnd;
          expectKey = false;
          continue;
        }
      }
      at = end;
      expectKey = false;
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      expectKey = byte === OPEN_BRACE && depth === 1;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return { end: at + 1, fingerprint, skipped };
    } else if (byte === COMMA) {
      expectKey = depth === 1;
    }
    at += 1;
  }
  return undefined;
}

function hashOf(body: Buffer, start: number, end: number, skipped: readonly [number, number][]): string {
  const hash = createHash('sha1');
  let from = start;
  for (const [skipStart, skipEnd] of skipped) {
    hash.update(body.subarray(from, skipStart));
    from = skipEnd;
  }
  hash.update(body.subarray(from, end));
  return hash.digest('base64');
}

/**
 * Splits a JSON array of objects into its elements. Returns undefined for anything else (not an
 * array, an element that is not an object, unbalanced or trailing bytes): the caller then parses the
 * whole body the ordinary way, which explains what is wrong.
 */
export function splitAlertList(body: Buffer): RawAlert[] | undefined {
  let at = skipSpace(body, 0);
  if (body[at] === 0xef && body[at + 1] === 0xbb && body[at + 2] === 0xbf) return undefined;
  if (body[at] !== OPEN_BRACKET) return undefined;
  at = skipSpace(body, at + 1);
  const alerts: RawAlert[] = [];
  if (body[at] === CLOSE_BRACKET) return skipSpace(body, at + 1) === body.length ? alerts : undefined;
  for (;;) {
    if (body[at] !== OPEN_BRACE) return undefined;
    const scanned = scanObject(body, at);
    if (!scanned) return undefined;
    alerts.push({
      start: at,
      end: scanned.end,
      fingerprint: scanned.fingerprint,
      hash: hashOf(body, at, scanned.end, scanned.skipped),
    });
    at = skipSpace(body, scanned.end);
    if (body[at] === COMMA) {
      at = skipSpace(body, at + 1);
      continue;
    }
    if (body[at] === CLOSE_BRACKET) return skipSpace(body, at + 1) === body.length ? alerts : undefined;
    return undefined;
  }
}
