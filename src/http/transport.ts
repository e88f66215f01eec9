import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import zlib from 'node:zlib';
import type { Socket } from 'node:net';
import type { Transform } from 'node:stream';
import { describeTransportError, hostAndPort } from './describe-failure.js';
import type { RequestPhase } from './describe-failure.js';
import { HttpError, formatDuration } from './errors.js';
import type { BodySink, TlsOptions } from './types.js';

// setTimeout treats anything above 2^31-1 ms as 1 ms; a huge deadline must not become an instant one.
const MAX_TIMER_MS = 2 ** 31 - 1;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * One deadline and one cancellation for a whole request, across all its redirect hops. `signal`
 * aborts when either the deadline passes or the caller's signal aborts; `cause` says which.
 */
export type Lifetime = Readonly<{
  signal: AbortSignal;
  cause(): 'timeout' | 'aborted' | undefined;
  timeoutMs: number;
  dispose(): void;
}>;

/** Starts the deadline timer and links the caller's signal; call dispose() when the request settles. */
export function startLifetime(timeoutMs: number, external: AbortSignal | undefined): Lifetime {
  const controller = new AbortController();
  let cause: 'timeout' | 'aborted' | undefined;
  const end = (why: 'timeout' | 'aborted') => {
    cause ??= why;
    controller.abort();
  };
  const onExternalAbort = () => end('aborted');
  const timer = setTimeout(() => end('timeout'), Math.min(Math.max(0, timeoutMs), MAX_TIMER_MS));
  if (external?.aborted) end('aborted');
  else external?.addEventListener('abort', onExternalAbort, { once: true });
  return {
    signal: controller.signal,
    cause: () => cause,
    timeoutMs,
    dispose() {
      clearTimeout(timer);
      external?.removeEventListener('abort', onExternalAbort);
    },
  };
}

/** One request on the wire: the client builds one per redirect hop. */
export type Hop = Readonly<{
  url: URL;
  method: string;
  headers: Readonly<Record<string, string>>;
  body?: Buffer;
  tls?: TlsOptions;
  maxBytes: number;
  lifetime: Lifetime;
  /** `GET http://host/path` with secrets redacted: the start of every error sentence. */
  label: string;
  bodySink?: (status: number, headers: Readonly<Record<string, string>>) => BodySink | undefined;
}>;

/** A fully read answer, or a redirect whose body was dropped. */
export type HopResult =
  | Readonly<{ kind: 'response'; status: number; headers: Readonly<Record<string, string>>; body: Buffer }>
  | Readonly<{ kind: 'redirect'; status: number; location: string }>;

function flattenHeaders(headers: http.IncomingMessage['headersDistinct']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, values] of Object.entries(headers)) {
    if (values) flat[name] = values.join(', ');
  }
  return flat;
}

// A Map, not an object literal: a hostile "content-encoding: constructor" must not find Object.
const DECODERS: ReadonlyMap<string, () => Transform> = new Map([
  ['gzip', () => zlib.createGunzip()],
  ['x-gzip', () => zlib.createGunzip()],
  ['deflate', () => zlib.createInflate()],
  ['br', () => zlib.createBrotliDecompress()],
]);

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A decompressor for the content-encoding, or undefined to keep the body as it came. */
function createDecoder(contentEncoding: string | undefined): Transform | undefined {
  const create =
    contentEncoding === undefined ? undefined : DECODERS.get(contentEncoding.trim().toLowerCase());
  return create?.();
}

function tlsRequestOptions(tls: TlsOptions | undefined): https.RequestOptions {
  return {
    // types.ts documents `ca` as extra CAs: add it to the public roots instead of replacing them.
    ...(tls?.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    rejectUnauthorized: tls?.insecureSkipVerify !== true,
  };
}

/**
 * Sends one request and reads the whole answer, or stops at a redirect. Every failure destroys the
 * request, the response and the socket before rejecting, and the deadline in `lifetime` covers it all.
 */
export function sendOnce(hop: Hop): Promise<HopResult> {
  const { url, lifetime, maxBytes, label } = hop;
  return new Promise<HopResult>((resolve, reject) => {
    let phase: RequestPhase = 'connecting';
    let settled = false;
    let request: http.ClientRequest | undefined;
    let response: http.IncomingMessage | undefined;
    let decoder: Transform | undefined;
    let sink: BodySink | undefined;

    const settle = () => {
      settled = true;
      // The response object can outlive the request; it must not keep the sink's data reachable.
      sink = undefined;
      lifetime.signal.removeEventListener('abort', onLifetimeEnd);
    };
    /** An HttpError, or whatever a body sink threw. */
    const fail = (error: Error) => {
      if (settled) return;
      settle();
      decoder?.destroy();
      response?.destroy();
      request?.destroy();
      reject(error);
    };
    const tooLarge = (what: string) =>
      fail(
        new HttpError('too-large', `${label} failed: ${what} is larger than the limit of ${maxBytes} bytes`),
      );
    function onLifetimeEnd() {
      fail(
        lifetime.cause() === 'aborted'
          ? new HttpError('aborted', `${label} was cancelled while ${phase}`)
          : new HttpError(
              'timeout',
              `${label} timed out after ${formatDuration(lifetime.timeoutMs)} while ${phase}`,
            ),
      );
    }

    if (lifetime.signal.aborted) {
      onLifetimeEnd();
      return;
    }
    lifetime.signal.addEventListener('abort', onLifetimeEnd, { once: true });

    const isHttps = url.protocol === 'https:';
    try {
      request = (isHttps ? https : http).request({
        protocol: url.protocol,
        // node wants a bare IPv6 address; URL keeps the brackets.
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: hop.method,
        headers: hop.headers,
        // A fresh connection per request: polls are seconds apart, so pooling saves little, and it
        // rules out stale keep-alive sockets and sharing a connection between differently-trusted sources.
        agent: false,
        ...(isHttps ? tlsRequestOptions(hop.tls) : {}),
      });
    } catch (error) {
      // Invalid header names or values throw synchronously, before anything is sent.
      fail(describeTransportError(error, label, url, phase));
      return;
    }

    // Stays attached after settling: a late socket error must not become an unhandled 'error' event.
    request.on('error', (error) => fail(describeTransportError(error, label, url, phase)));
    request.on('socket', (socket: Socket) => {
      if (!socket.connecting) {
        phase = 'waiting for the response headers';
        return;
      }
      socket.once(isHttps ? 'secureConnect' : 'connect', () => {
        if (phase === 'connecting') phase = 'waiting for the response headers';
      });
    });
    request.on('response', (incoming) => {
      response = incoming;
      phase = 'reading the response body';
      const status = incoming.statusCode ?? 0;
      const headers = flattenHeaders(incoming.headersDistinct);
      const location = headers['location'];
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        // The redirect's own body is never needed; dropping the connection is cheaper than draining it.
        settle();
        incoming.destroy();
        resolve({ kind: 'redirect', status, location });
        return;
      }
      const declaredLength = Number(headers['content-length']);
      if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
        tooLarge(`the response body (content-length ${declaredLength})`);
        return;
      }
      readBody(incoming, headers, status, Number.isFinite(declaredLength) ? declaredLength : undefined);
    });
    request.end(hop.body);

    function readBody(
      incoming: http.IncomingMessage,
      headers: Record<string, string>,
      status: number,
      declaredLength: number | undefined,
    ) {
      const chunks: Buffer[] = [];
      let receivedBytes = 0;
      let decodedBytes = 0;
      decoder = createDecoder(headers['content-encoding']);
      try {
        sink = hop.bodySink?.(status, headers);
      } catch (error) {
        fail(asError(error));
        return;
      }
      // With a declared length (and no compression) the body is copied into one buffer as it
      // arrives, instead of keeping every chunk and concatenating them: at 300 MB that is one copy
      // in memory, not two.
      let whole =
        !sink && !decoder && declaredLength !== undefined && declaredLength > 0
          ? Buffer.allocUnsafe(declaredLength)
          : undefined;
      let filled = 0;
      const keep = (chunk: Buffer) => {
        if (settled) return;
        decodedBytes += chunk.length;
        // Checked on the decoded size too, so a small gzip bomb cannot expand past the cap in memory.
        if (decodedBytes > maxBytes) return tooLarge('the response body');
        if (sink) {
          try {
            sink.write(chunk);
          } catch (error) {
            fail(asError(error));
          }
          return;
        }
        if (whole && filled + chunk.length <= whole.length) {
          chunk.copy(whole, filled);
          filled += chunk.length;
          return;
        }
        if (whole) {
          chunks.push(whole.subarray(0, filled));
          whole = undefined;
        }
        chunks.push(chunk);
      };
      const finish = () => {
        if (settled) return;
        const streamed = sink !== undefined;
        if (sink) {
          try {
            sink.end();
          } catch (error) {
            fail(asError(error));
            return;
          }
        }
        settle();
        const body = streamed
          ? Buffer.alloc(0)
          : whole
            ? whole.subarray(0, filled)
            : Buffer.concat(chunks, decodedBytes);
        resolve({ kind: 'response', status, headers, body });
      };

      if (decoder) {
        const encoding = headers['content-encoding'] ?? '';
        decoder.on('data', keep);
        decoder.on('end', finish);
        decoder.on('error', () =>
          fail(
            new HttpError(
              'connection',
              `${label} failed: the ${encoding} response body from ${hostAndPort(url)} is corrupt`,
            ),
          ),
        );
      }
      incoming.on('data', (chunk: Buffer) => {
        if (settled) return;
        receivedBytes += chunk.length;
        if (receivedBytes > maxBytes) return tooLarge('the response body');
        if (decoder) decoder.write(chunk);
        else keep(chunk);
      });
      incoming.on('end', () => {
        if (settled) return;
        if (decoder) decoder.end();
        else finish();
      });
      incoming.on('error', (error) => fail(describeTransportError(error, label, url, phase)));
      incoming.on('close', () => {
        if (!incoming.complete) {
          fail(
            new HttpError(
              'connection',
              `${label} failed: ${hostAndPort(url)} closed the connection before the whole body arrived`,
            ),
          );
        }
      });
    }
  });
}
