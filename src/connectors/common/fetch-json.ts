import type { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import { formatDuration } from '../../config/duration.js';
import { HttpError } from '../../http/errors.js';
import { SourceError } from '../types.js';
import type { ConnectorContext } from '../types.js';

/** `http://host:port/base` + `/api/v2/alerts`, keeping any path prefix of the configured URL. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function statusSentence(response: HttpResponse): string {
  const hints: Record<number, string> = {
    401: 'check the credentials under auth: for this source',
    403: 'the credentials lack permission; check auth: for this source',
    404: 'check the URL and that the server speaks this API',
    410: 'the server no longer offers this API version; upgrade the cockpit or the backend',
    415: 'the server rejected the content type',
    429: 'the server is rate-limiting us; polling slows down',
    502: 'a proxy in front of the server could not reach it',
    503: 'the server is overloaded or starting up',
  };
  const hint =
    hints[response.status] ?? (response.status >= 500 ? 'the server is failing' : 'unexpected answer');
  return `answered HTTP ${response.status} (${hint})`;
}

/** Turns an unknown failure into a sentence about this source; never includes credentials. */
export function describeFailure(ctx: ConnectorContext, what: string, error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const retryAfterMs =
    error && typeof error === 'object' && 'retryAfterMs' in error && typeof error.retryAfterMs === 'number'
      ? error.retryAfterMs
      : undefined;
  if (error instanceof HttpError) {
    // The client's sentence already names the request; add where a person changes the deadline.
    const hint =
      error.code === 'timeout'
        ? ` (timeout: ${formatDuration(ctx.source.timeoutMs)} for this source in the config)`
        : '';
    return new SourceError(`source "${ctx.source.id}": ${detail}${hint}`, retryAfterMs);
  }
  return new SourceError(`source "${ctx.source.id}": ${what}: ${detail}`, retryAfterMs);
}

type JsonRequest = Omit<HttpRequest, 'timeoutMs' | 'maxBytes' | 'auth' | 'tls' | 'signal'>;

/** Sends a request with the source's deadline, byte cap, auth and TLS options; returns the raw response. */
export async function send(ctx: ConnectorContext, request: JsonRequest): Promise<HttpResponse> {
  const { source } = ctx;
  return ctx.http.request({
    ...request,
    timeoutMs: source.timeoutMs,
    maxBytes: source.maxBytes,
    auth: source.auth,
    tls: { ca: source.tls.ca, insecureSkipVerify: source.tls.insecureSkipVerify },
    signal: ctx.signal,
  });
}

/**
 * JSON.parse's reason without the excerpt of the body V8 quotes (`Unexpected token 'x', "…" is not
 * valid JSON`): a body can echo the request's credentials back, and the reason is stored and logged.
 */
function jsonParseProblem(error: unknown): string {
  const reason = error instanceof Error ? error.message : 'parse error';
  // The excerpt is the only double-quoted part; keep what comes before it ("Unexpected token 'x'").
  const quoted = reason.indexOf('"');
  const kept = (quoted === -1 ? reason : reason.slice(0, quoted)).replace(/[,.\s]+$/, '');
  return (kept || 'not valid JSON').slice(0, 120);
}

/** Throws the sentence for a non-2xx answer or one that is not JSON (a login page, a proxy error). */
export function checkJsonResponse(ctx: ConnectorContext, what: string, response: HttpResponse): void {
  const where = `source "${ctx.source.id}": ${what}`;
  if (response.status < 200 || response.status >= 300) {
    const retryAfterMs =
      'retryAfterMs' in response && typeof response.retryAfterMs === 'number'
        ? response.retryAfterMs
        : undefined;
    throw new SourceError(`${where} ${statusSentence(response)}`, retryAfterMs);
  }
  const contentType = response.headers['content-type'] ?? '';
  if (!/\bjson\b/i.test(contentType)) {
    const shown = contentType ? contentType.split(';')[0] : 'no content type';
    throw new SourceError(
      `${where} answered ${shown} instead of JSON; is the URL pointing at the API (not a login page or proxy)?`,
    );
  }
}

/** Parses JSON text and validates it; both failures become sentences (never quoting the body). */
export function parseJsonText<T>(ctx: ConnectorContext, what: string, text: string, schema: z.ZodType<T>): T {
  const where = `source "${ctx.source.id}": ${what}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SourceError(`${where} answered malformed JSON (${jsonParseProblem(error)})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? ` at ${issue.path.slice(0, 6).join('.')}` : '';
    throw new SourceError(
      `${where} answered JSON of an unexpected shape${path} (${issue?.message ?? 'invalid'}); is this the right kind of server?`,
    );
  }
  return parsed.data;
}

/** Checks status and content type, parses JSON and validates it; every failure is a sentence. */
export function parseJsonResponse<T>(
  ctx: ConnectorContext,
  what: string,
  response: HttpResponse,
  schema: z.ZodType<T>,
): T {
  checkJsonResponse(ctx, what, response);
  return parseJsonText(ctx, what, response.body.toString('utf8'), schema);
}

/** GET + parse + validate in one step. */
export async function getJson<T>(
  ctx: ConnectorContext,
  url: string,
  what: string,
  schema: z.ZodType<T>,
): Promise<T> {
  let response: HttpResponse;
  try {
    response = await send(ctx, { url, method: 'GET' });
  } catch (error) {
    throw describeFailure(ctx, what, error);
  }
  return parseJsonResponse(ctx, what, response, schema);
}
