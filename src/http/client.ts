import { silentLogger } from '../logger.js';
import type { Logger } from '../logger.js';
import { HttpError, parseRetryAfter } from './errors.js';
import { redactUrl } from './redact.js';
import { sendOnce, startLifetime } from './transport.js';
import type { Lifetime } from './transport.js';
import type { HttpAuth, HttpRequest, HttpResponse, IHttpClient } from './types.js';

/** The product version in the user-agent; test/integration/http checks it against package.json. */
export const CLIENT_VERSION = '0.1.0';

/** `oncall-cockpit/<version>`, sent unless createHttpClient is given another user-agent. */
export const DEFAULT_USER_AGENT = `oncall-cockpit/${CLIENT_VERSION}`;

/** How many same-origin redirects a request follows when it does not say. */
export const DEFAULT_MAX_REDIRECTS = 3;

/** `logger` receives debug lines with redacted URLs only; `userAgent` replaces DEFAULT_USER_AGENT. */
export type HttpClientOptions = Readonly<{ logger?: Logger; userAgent?: string }>;

// Headers the client computes itself; a caller's value would describe a different message.
const COMPUTED_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
]);

function authHeader(auth: HttpAuth): [name: string, value: string] {
  switch (auth.type) {
    case 'bearer':
      return ['authorization', `Bearer ${auth.token}`];
    case 'basic':
      return [
        'authorization',
        `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`,
      ];
    case 'header':
      return [auth.name.toLowerCase(), auth.value];
  }
}

function buildHeaders(
  request: HttpRequest,
  userAgent: string,
  body: Buffer | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'gzip',
    'user-agent': userAgent,
  };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!COMPUTED_HEADERS.has(lower)) headers[lower] = value;
  }
  if (body) {
    headers['content-type'] ??=
      request.json === undefined && request.text ? request.text.contentType : 'application/json';
    headers['content-length'] = String(body.length);
  } else {
    delete headers['content-type'];
  }
  // Auth last, so a stray header in the request cannot replace the configured credentials.
  if (request.auth) {
    const [name, value] = authHeader(request.auth);
    headers[name] = value;
  }
  return headers;
}

function parseRequestUrl(text: string, method: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HttpError(
      'invalid-url',
      `${method} ${redactUrl(text)} was not sent: the URL is not valid; write it like http://127.0.0.1:9093`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpError(
      'invalid-url',
      `${method} ${redactUrl(url)} was not sent: only http:// and https:// URLs are supported, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new HttpError(
      'invalid-url',
      `${method} ${redactUrl(url)} was not sent: the URL carries user:pass@ credentials, which would be logged; ` +
        'configure them under auth: instead',
    );
  }
  return url;
}

/** The method and body after a redirect: 303 (and 301/302 for POST, as browsers do) become a GET. */
function afterRedirect(
  status: number,
  method: string,
  body: Buffer | undefined,
): { method: string; body: Buffer | undefined } {
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    return { method: 'GET', body: undefined };
  }
  return { method, body };
}

function retryAfterOf(status: number, headers: Readonly<Record<string, string>>, nowMs: number) {
  const retryAfter = parseRetryAfter(headers['retry-after'], nowMs);
  if (retryAfter !== undefined) return retryAfter;
  // RateLimit-Reset (IETF draft, PagerDuty) is delta-seconds; only meaningful when we were throttled.
  if (status === 429 || status === 503) {
    const reset = headers['ratelimit-reset'];
    if (reset !== undefined && /^\s*\d+\s*$/.test(reset)) return parseRetryAfter(reset, nowMs);
  }
  return undefined;
}

/**
 * Creates the network client: node:http(s) with a whole-request deadline, a byte cap (also on the
 * decompressed body), same-origin-only redirects, per-request TLS options and auth that is never logged.
 */
export function createHttpClient(options: HttpClientOptions = {}): IHttpClient {
  const logger = options.logger ?? silentLogger;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;

  async function follow(request: HttpRequest, startUrl: URL, label: string, lifetime: Lifetime) {
    const maxRedirects = request.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    let url = startUrl;
    let method: string = request.method ?? 'GET';
    let body: Buffer | undefined =
      request.json !== undefined
        ? Buffer.from(JSON.stringify(request.json), 'utf8')
        : request.text
          ? Buffer.from(request.text.body, 'utf8')
          : undefined;
    for (let redirects = 0; ; redirects += 1) {
      const result = await sendOnce({
        url,
        method,
        headers: buildHeaders(request, userAgent, body),
        body,
        tls: request.tls,
        maxBytes: request.maxBytes,
        lifetime,
        label,
        bodySink: request.bodySink,
      });
      if (result.kind === 'response') return { ...result, url };

      let target: URL;
      try {
        target = new URL(result.location, url);
      } catch {
        throw new HttpError(
          'redirect-refused',
          `${label} answered HTTP ${result.status} with an invalid Location`,
          { status: result.status },
        );
      }
      if (target.origin !== url.origin) {
        logger.warn('refused a redirect to another origin', { from: url.origin, to: target.origin });
        throw new HttpError(
          'redirect-refused',
          `${label} was redirected (HTTP ${result.status}) from ${url.origin} to ${target.origin}; ` +
            'the redirect was not followed because credentials are never sent to another host. ' +
            `Configure the source with the final URL (${redactUrl(target)}) if that server is trusted`,
          { status: result.status },
        );
      }
      if (redirects >= maxRedirects) {
        throw new HttpError(
          'too-many-redirects',
          `${label} was redirected more than ${maxRedirects} times; the last hop pointed to ${redactUrl(target)}`,
          { status: result.status },
        );
      }
      logger.debug('following a same-origin redirect', { status: result.status, to: redactUrl(target) });
      ({ method, body } = afterRedirect(result.status, method, body));
      url = target;
    }
  }

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const method = request.method ?? 'GET';
      let startUrl: URL;
      try {
        startUrl = parseRequestUrl(request.url, method);
      } catch (error) {
        logger.debug('http request not sent', { method, url: redactUrl(request.url), code: 'invalid-url' });
        throw error;
      }
      const label = `${method} ${redactUrl(startUrl)}`;
      const startedAt = Date.now();
      const lifetime = startLifetime(request.timeoutMs, request.signal);
      logger.debug('http request', { method, url: redactUrl(startUrl) });
      try {
        const answer = await follow(request, startUrl, label, lifetime);
        logger.debug('http response', {
          method,
          url: redactUrl(answer.url),
          status: answer.status,
          bytes: answer.body.length,
          ms: Date.now() - startedAt,
        });
        const retryAfterMs = retryAfterOf(answer.status, answer.headers, Date.now());
        return {
          status: answer.status,
          headers: answer.headers,
          body: answer.body,
          url: answer.url.href,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        };
      } catch (error) {
        const code = error instanceof HttpError ? error.code : 'unexpected';
        logger.debug('http request failed', {
          method,
          url: redactUrl(startUrl),
          code,
          ms: Date.now() - startedAt,
        });
        throw error;
      } finally {
        lifetime.dispose();
      }
    },
  };
}
