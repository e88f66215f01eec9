import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/client.js';
import type { HttpRequest } from '../../../src/http/types.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { httpErrorOf, startLoopback } from './loopback.js';
import type { Handler, Loopback } from './loopback.js';

const client = createHttpClient();
const limits = { timeoutMs: 2000, maxBytes: 1024 * 1024 } as const;
const servers: Loopback[] = [];

async function serve(handler: Handler): Promise<Loopback> {
  const server = await startLoopback(handler);
  servers.push(server);
  return server;
}

/** Redirects `from` to `to` with `status`; answers 200 with the request it saw on every other path. */
function redirecting(status: number, from: string, to: () => string): Handler {
  return (request, response, recorded) => {
    if (request.url === from) {
      response.writeHead(status, { location: to() });
      response.end('moved');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(recorded));
  };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('http client: same-origin redirects', () => {
  it('follows a relative 302 and sends the credentials again on the same origin', async () => {
    const backend = await serve(redirecting(302, '/old', () => '/new?page=2'));

    const response = await client.request({
      url: `${backend.origin}/old`,
      auth: { type: 'bearer', token: 'same-origin-token' },
      ...limits,
    });

    expect(response.status).toBe(200);
    expect(response.url).toBe(`${backend.origin}/new?page=2`);
    expect(backend.requests.map((request) => request.url)).toEqual(['/old', '/new?page=2']);
    expect(backend.requests[1]?.headers['authorization']).toBe('Bearer same-origin-token');
  });

  it('turns a POST into a GET without a body after 303', async () => {
    const backend = await serve(redirecting(303, '/submit', () => '/result'));

    await client.request({ url: `${backend.origin}/submit`, method: 'POST', json: { a: 1 }, ...limits });

    const [, second] = backend.requests;
    expect(second?.method).toBe('GET');
    expect(second?.body).toBe('');
    expect(second?.headers['content-type']).toBeUndefined();
    expect(second?.headers['content-length']).toBeUndefined();
  });

  it('repeats the method and body after 307', async () => {
    const backend = await serve(redirecting(307, '/submit', () => '/submit-here'));

    await client.request({ url: `${backend.origin}/submit`, method: 'POST', json: { a: 1 }, ...limits });

    const [, second] = backend.requests;
    expect(second?.method).toBe('POST');
    expect(second?.body).toBe('{"a":1}');
  });

  it('gives up after maxRedirects hops (default 3)', async () => {
    let hop = 0;
    const backend = await serve((_request, response) => {
      hop += 1;
      response.writeHead(302, { location: `/hop-${hop}` });
      response.end();
    });

    const error = await httpErrorOf(client.request({ url: `${backend.origin}/start`, ...limits }));

    expect(error.code).toBe('too-many-redirects');
    expect(error.message).toMatch(/was redirected more than 3 times/);
    expect(backend.requests).toHaveLength(4);
  });

  it('follows no redirect at all with maxRedirects: 0', async () => {
    const backend = await serve(redirecting(301, '/old', () => '/new'));

    const error = await httpErrorOf(
      client.request({ url: `${backend.origin}/old`, maxRedirects: 0, ...limits }),
    );

    expect(error.code).toBe('too-many-redirects');
    expect(backend.requests).toHaveLength(1);
  });
});

describe('http client: cross-origin redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'refuses a %i to another origin, which receives nothing at all',
    async (status) => {
      const elsewhere = await serve((_request, response) => response.end('{}'));
      const backend = await serve(redirecting(status, '/api', () => `${elsewhere.origin}/steal`));
      const logger = createMemoryLogger();
      const request: HttpRequest = {
        url: `${backend.origin}/api`,
        method: 'POST',
        auth: { type: 'bearer', token: 'never-leaves' },
        headers: { 'x-api-key': 'never-leaves-either' },
        json: { auth: 'body-token' },
        ...limits,
      };

      const error = await httpErrorOf(createHttpClient({ logger }).request(request));

      expect(error.code).toBe('redirect-refused');
      expect(error.status).toBe(status);
      expect(error.message).toContain(`from ${backend.origin} to ${elsewhere.origin}`);
      expect(error.message).toContain('credentials are never sent to another host');
      expect(elsewhere.connections).toBe(0);
      expect(elsewhere.requests).toEqual([]);
      expect(logger.entries.some((entry) => entry.level === 'warn')).toBe(true);
    },
  );

  it('treats another host name for the same server as another origin', async () => {
    const backend = await serve(redirecting(302, '/api', () => `http://localhost:${backend.port}/api-2`));

    const error = await httpErrorOf(
      client.request({ url: `${backend.origin}/api`, auth: { type: 'bearer', token: 'x' }, ...limits }),
    );

    expect(error.code).toBe('redirect-refused');
    expect(backend.requests).toHaveLength(1);
  });

  it('treats a switch from http to https on the same host as another origin', async () => {
    const backend = await serve(redirecting(301, '/api', () => `https://127.0.0.1:${backend.port}/api`));

    const error = await httpErrorOf(client.request({ url: `${backend.origin}/api`, ...limits }));

    expect(error.code).toBe('redirect-refused');
    expect(backend.requests).toHaveLength(1);
  });

  it('does not name the redirect target’s userinfo or secret query values', async () => {
    const backend = await serve(
      redirecting(302, '/api', () => 'http://user:hunter2@other.example:8080/x?api_key=hunter3&page=1'),
    );

    const error = await httpErrorOf(client.request({ url: `${backend.origin}/api`, ...limits }));

    expect(error.message).toContain('http://other.example:8080/x?api_key=REDACTED&page=1');
    expect(error.message).not.toMatch(/hunter/);
  });
});
