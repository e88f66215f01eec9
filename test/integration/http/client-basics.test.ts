import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/client.js';
import type { HttpAuth, HttpRequest } from '../../../src/http/types.js';
import { freePort, httpErrorOf, startLoopback } from './loopback.js';
import type { Handler, Loopback } from './loopback.js';

const client = createHttpClient();
const limits = { timeoutMs: 2000, maxBytes: 1024 * 1024 } as const;
let server: Loopback | undefined;

async function serve(handler: Handler): Promise<Loopback> {
  server = await startLoopback(handler);
  return server;
}

const json =
  (body: unknown, status = 200): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('http client: requests', () => {
  it('sends accept, accept-encoding and a user-agent carrying the package version, and returns the answer', async () => {
    const backend = await serve(json({ ok: true }));
    const packageJson = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };

    const response = await client.request({ url: `${backend.origin}/api/v2/alerts?active=true`, ...limits });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ ok: true });
    expect(response.url).toBe(`${backend.origin}/api/v2/alerts?active=true`);
    const [received] = backend.requests;
    expect(received?.method).toBe('GET');
    expect(received?.url).toBe('/api/v2/alerts?active=true');
    expect(received?.headers['accept']).toBe('application/json');
    expect(received?.headers['accept-encoding']).toBe('gzip');
    expect(received?.headers['user-agent']).toBe(`oncall-cockpit/${packageJson.version}`);
  });

  it('uses the user-agent given to createHttpClient and passes extra request headers', async () => {
    const backend = await serve(json({}));
    const custom = createHttpClient({ userAgent: 'oncall-cockpit/test' });

    await custom.request({ url: backend.origin, headers: { 'X-Scope-OrgID': 'team-a' }, ...limits });

    expect(backend.requests[0]?.headers['user-agent']).toBe('oncall-cockpit/test');
    expect(backend.requests[0]?.headers['x-scope-orgid']).toBe('team-a');
  });

  it('sends a json body as application/json with its exact content-length', async () => {
    const backend = await serve(json({ silenceID: 'abc' }));
    const payload = { comment: 'deploy in progress – ü', matchers: [{ name: 'alertname', value: 'Down' }] };

    const response = await client.request({ url: backend.origin, method: 'POST', json: payload, ...limits });

    const [received] = backend.requests;
    const expected = JSON.stringify(payload);
    expect(response.status).toBe(200);
    expect(received?.method).toBe('POST');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['content-length']).toBe(String(Buffer.byteLength(expected)));
    expect(received?.body).toBe(expected);
  });

  it.each<[string, HttpAuth, string, string]>([
    ['bearer', { type: 'bearer', token: 't0k3n' }, 'authorization', 'Bearer t0k3n'],
    [
      'basic',
      { type: 'basic', username: 'ops', password: 'p:ss' },
      'authorization',
      `Basic ${Buffer.from('ops:p:ss').toString('base64')}`,
    ],
    ['header', { type: 'header', name: 'X-Api-Key', value: 'k3y' }, 'x-api-key', 'k3y'],
  ])('sends %s auth', async (_kind, auth, header, value) => {
    const backend = await serve(json({}));

    await client.request({ url: backend.origin, auth, ...limits });

    expect(backend.requests[0]?.headers[header]).toBe(value);
  });

  it('lets configured auth win over a request header of the same name', async () => {
    const backend = await serve(json({}));

    await client.request({
      url: backend.origin,
      headers: { Authorization: 'Bearer stale' },
      auth: { type: 'bearer', token: 'configured' },
      ...limits,
    });

    expect(backend.requests[0]?.headers['authorization']).toBe('Bearer configured');
  });
});

describe('http client: responses', () => {
  it('lower-cases response header names and joins repeated headers with ", "', async () => {
    const backend = await serve((_request, response) => {
      response.setHeader('X-Multi', ['a', 'b']);
      response.setHeader('Set-Cookie', ['one=1', 'two=2']);
      response.setHeader('X-Single', 'yes');
      response.end('{}');
    });

    const response = await client.request({ url: backend.origin, ...limits });

    expect(response.headers['x-multi']).toBe('a, b');
    expect(response.headers['set-cookie']).toBe('one=1, two=2');
    expect(response.headers['x-single']).toBe('yes');
    expect(response.headers['X-Single']).toBeUndefined();
  });

  it('resolves for error statuses, leaving the decision to the connector', async () => {
    const backend = await serve(json({ error: 'boom' }, 503));

    const response = await client.request({ url: backend.origin, ...limits });

    expect(response.status).toBe(503);
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ error: 'boom' });
  });

  it.each<[string, Record<string, string>, number | undefined]>([
    ['delta-seconds', { 'retry-after': '7' }, 7000],
    ['a past HTTP-date', { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }, 0],
    ['RateLimit-Reset on 429', { 'ratelimit-reset': '12' }, 12_000],
    ['nothing', {}, undefined],
  ])('exposes retryAfterMs from %s', async (_what, headers, expected) => {
    const backend = await serve((_request, response) => {
      response.writeHead(429, headers);
      response.end();
    });

    const response = await client.request({ url: backend.origin, ...limits });

    expect(response.status).toBe(429);
    expect(response.retryAfterMs).toBe(expected);
  });

  it('exposes a future Retry-After date as the milliseconds left', async () => {
    const backend = await serve((_request, response) => {
      response.writeHead(503, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() });
      response.end();
    });

    const response = await client.request({ url: backend.origin, ...limits });

    expect(response.retryAfterMs).toBeGreaterThan(115_000);
    expect(response.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('decompresses a gzip body', async () => {
    const payload = { data: { alerts: Array.from({ length: 200 }, (_, index) => ({ index })) } };
    const backend = await serve((request, response) => {
      const gzip = String(request.headers['accept-encoding']).includes('gzip');
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      response.end(gzip ? gzipSync(JSON.stringify(payload)) : 'the client did not accept gzip');
    });

    const response = await client.request({ url: backend.origin, ...limits });

    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual(payload);
  });

  it("rejects a corrupt gzip body with code 'connection'", async () => {
    const backend = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(Buffer.from('this is not gzip at all'));
    });

    const error = await httpErrorOf(client.request({ url: backend.origin, ...limits }));

    expect(error.code).toBe('connection');
    expect(error.message).toMatch(/gzip response body .* is corrupt/);
  });
});

describe('http client: URLs and connection failures', () => {
  it.each<[string, string]>([
    ['a malformed URL', 'http://127.0.0.1:notaport/api'],
    ['a relative URL', '/api/v2/alerts'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a data: URL', 'data:application/json,{}'],
  ])("rejects %s with code 'invalid-url'", async (_what, url) => {
    const error = await httpErrorOf(client.request({ url, ...limits }));

    expect(error.code).toBe('invalid-url');
    expect(error.message).toMatch(/was not sent/);
  });

  it('refuses credentials embedded in the URL without connecting', async () => {
    const backend = await serve(json({}));
    const url = backend.origin.replace('http://', 'http://ops:secret@');

    const error = await httpErrorOf(client.request({ url, ...limits }));

    expect(error.code).toBe('invalid-url');
    expect(error.message).toMatch(/configure them under auth:/);
    expect(backend.connections).toBe(0);
  });

  it("reports a refused connection as code 'connection' in a sentence", async () => {
    const port = await freePort();

    const error = await httpErrorOf(
      client.request({ url: `http://127.0.0.1:${port}/api/v2/alerts`, ...limits }),
    );

    expect(error.code).toBe('connection');
    expect(error.message).toBe(
      `GET http://127.0.0.1:${port}/api/v2/alerts failed: could not connect to 127.0.0.1:${port}: ` +
        'connection refused (is the server running and listening on that port?)',
    );
  });

  it("reports a host name that does not resolve as code 'connection'", async () => {
    // .invalid never resolves (RFC 6761); an offline resolver fails fast with EAI_AGAIN instead.
    const error = await httpErrorOf(client.request({ url: 'http://cockpit-test.invalid:9093/', ...limits }));

    expect(error.code).toBe('connection');
    expect(error.message).toMatch(/"cockpit-test\.invalid" (could not be resolved|failed temporarily)/);
  });

  it("reports a connection reset mid-body as code 'connection'", async () => {
    const backend = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      // Cut the connection once the partial body has left this process.
      response.write('{"partial":', () => response.socket?.destroy());
    });

    const error = await httpErrorOf(client.request({ url: backend.origin, ...limits }));

    expect(error.code).toBe('connection');
    expect(error.message).toMatch(/127\.0\.0\.1:\d+ closed the connection/);
  });

  it('reports a server that hangs up before answering', async () => {
    const backend = await serve((request) => request.socket.destroy());

    const error = await httpErrorOf(client.request({ url: backend.origin, ...limits }));

    expect(error.code).toBe('connection');
    expect(error.message).toMatch(/closed the connection before it answered/);
  });

  it("rejects a header value with a line break as 'invalid-url' without sending anything", async () => {
    const backend = await serve(json({}));
    const request: HttpRequest = {
      url: backend.origin,
      headers: { 'x-tenant': 'a\r\nx-evil: 1' },
      ...limits,
    };

    const error = await httpErrorOf(client.request(request));

    expect(error.code).toBe('invalid-url');
    expect(error.message).not.toContain('x-evil');
    expect(backend.connections).toBe(0);
  });
});
