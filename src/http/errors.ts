import type { HttpErrorCode } from './types.js';

/** The longest wait a server can impose through Retry-After; beyond this a source would look dead. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * A transport failure of the HTTP client. `message` is a sentence a person can act on and never
 * contains credentials or query-string secrets, so callers may show and log it as is.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly code: HttpErrorCode;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    code: HttpErrorCode,
    message: string,
    details: Readonly<{ status?: number; retryAfterMs?: number }> = {},
  ) {
    super(message);
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

// RFC 9110 §10.2.3: delta-seconds is digits only; anything else must be an HTTP-date (IMF-fixdate,
// or the obsolete RFC 850 and asctime forms). Date.parse alone would also accept "1.5" or "2".
const DELTA_SECONDS = /^\d+$/;
const ZONED_HTTP_DATE = /^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;
// asctime carries no zone, and Date.parse would read it as local time; HTTP dates are always GMT.
const ASCTIME_DATE = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Milliseconds to wait according to a `Retry-After` value (delta-seconds or HTTP-date), capped at
 * MAX_RETRY_AFTER_MS; a date in the past means 0. Undefined when the value is missing or malformed.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  let at = Number.NaN;
  if (ZONED_HTTP_DATE.test(text)) at = Date.parse(text);
  else if (ASCTIME_DATE.test(text)) at = Date.parse(`${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}

/** "300 ms", "10 s", "1.5 s": how long a deadline was, for error sentences. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} s`;
}
