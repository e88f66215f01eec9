import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/client.js';
import { httpErrorOf, startLoopback } from './loopback.js';
import type { Handler, Loopback } from './loopback.js';

const client = createHttpClient();
const MB = 1024 * 1024;
let server: Loopback | undefined;
const stopServerTimers: (() => void)[] = [];

async function serve(handler: Handler): Promise<Loopback> {
  server = await startLoopback(handler);
  return server;
}

afterEach(async () => {
  for (const stop of stopServerTimers.splice(0)) stop();
  await server?.close();
  server = undefined;
});

/** Runs the request and returns how long it took to settle, with its HttpError. */
async function timedFailure(promise: Promise<unknown>) {
  const startedAt = performance.now();
  const error = await httpErrorOf(promise);
  return { error, elapsedMs: performance.now() - startedAt };
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

// A socket the client forgot to close would make allSocketsClosed() wait forever: fail fast instead.
const FAIL_FAST = { timeout: 5000 } as const;

describe('http client: deadline', FAIL_FAST, () => {
  it('times out a server that accepts but never answers, and closes the socket', async () => {
    const backend = await serve(() => {});

    const { error, elapsedMs } = await timedFailure(
      client.request({ url: `${backend.origin}/api/v2/alerts`, timeoutMs: 300, maxBytes: MB }),
    );

    expect(error.code).toBe('timeout');
    expect(error.message).toBe(
      `GET ${backend.origin}/api/v2/alerts timed out after 300 ms while waiting for the response headers`,
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(1000);
    await backend.allSocketsClosed();
  });

  it('ends at the deadline when headers arrive but the body drips one byte at a time', async () => {
    const backend = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      // Each byte would reset a per-chunk idle timeout; only a whole-request deadline stops this.
      const drip = setInterval(() => response.write(' '), 50);
      stopServerTimers.push(() => clearInterval(drip));
      response.on('close', () => clearInterval(drip));
    });

    const { error, elapsedMs } = await timedFailure(
      client.request({ url: backend.origin, timeoutMs: 600, maxBytes: MB }),
    );

    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/timed out after 600 ms while reading the response body$/);
    expect(elapsedMs).toBeGreaterThanOrEqual(590);
    expect(elapsedMs).toBeLessThan(1300);
    await backend.allSocketsClosed();
  });

  it("stops when the caller's signal aborts, with code 'aborted'", async () => {
    const backend = await serve(() => {});
    const controller = new AbortController();

    const pending = client.request({
      url: backend.origin,
      timeoutMs: 5000,
      maxBytes: MB,
      signal: controller.signal,
    });
    await backend.nextRequest();
    controller.abort();
    const { error, elapsedMs } = await timedFailure(pending);

    expect(error.code).toBe('aborted');
    expect(error.message).toMatch(/was cancelled while waiting for the response headers$/);
    expect(elapsedMs).toBeLessThan(1000);
    await backend.allSocketsClosed();
  });

  it('does not even connect when the signal is already aborted', async () => {
    const backend = await serve(() => {});

    const error = await httpErrorOf(
      client.request({ url: backend.origin, timeoutMs: 5000, maxBytes: MB, signal: AbortSignal.abort() }),
    );

    expect(error.code).toBe('aborted');
    expect(backend.connections).toBe(0);
  });

  it('leaves no timer behind after a success or a failure', async () => {
    const backend = await serve((request, response) => {
      if (request.url === '/slow') return;
      response.end('{}');
    });
    const before = activeTimers();

    await client.request({ url: backend.origin, timeoutMs: 60_000, maxBytes: MB });
    expect(activeTimers()).toBe(before);

    const controller = new AbortController();
    const pending = client.request({
      url: `${backend.origin}/slow`,
      timeoutMs: 60_000,
      maxBytes: MB,
      signal: controller.signal,
    });
    await backend.nextRequest();
    controller.abort();
    await httpErrorOf(pending);
    expect(activeTimers()).toBe(before);
  });
});

describe('http client: byte cap', FAIL_FAST, () => {
  it('rejects at once when content-length is over the cap, without waiting for the body', async () => {
    const backend = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': String(50 * MB) });
      response.flushHeaders();
    });

    const { error, elapsedMs } = await timedFailure(
      client.request({ url: backend.origin, timeoutMs: 5000, maxBytes: MB }),
    );

    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/content-length 52428800\) is larger than the limit of 1048576 bytes/);
    expect(elapsedMs).toBeLessThan(1000);
    await backend.allSocketsClosed();
  });

  it('stops reading a 50 MB stream soon after it passes a 1 MB cap and drops the connection', async () => {
    let bytesWritten = 0;
    const backend = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Respect backpressure so bytesWritten counts what the client actually pulled off the socket.
      const pump = () => {
        while (bytesWritten < 50 * MB && !response.destroyed) {
          bytesWritten += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });

    const { error, elapsedMs } = await timedFailure(
      client.request({ url: backend.origin, timeoutMs: 5000, maxBytes: MB }),
    );
    await backend.allSocketsClosed();

    expect(error.code).toBe('too-large');
    expect(elapsedMs).toBeLessThan(2000);
    // What the server managed to push is bounded by the cap plus socket buffers, far from 50 MB.
    expect(bytesWritten).toBeLessThan(16 * MB);
  });

  it('applies the cap to the decompressed size of a gzip bomb', async () => {
    // 200 concatenated gzip members of 1 MB of zeros: about 200 KB on the wire, 200 MB decoded.
    const member = gzipSync(Buffer.alloc(MB));
    const bomb = Buffer.concat(Array.from({ length: 200 }, () => member));
    expect(bomb.length).toBeLessThan(MB);
    const backend = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      response.end(bomb);
    });
    const buffersBefore = process.memoryUsage().arrayBuffers;

    const error = await httpErrorOf(client.request({ url: backend.origin, timeoutMs: 5000, maxBytes: MB }));

    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/the response body is larger than the limit of 1048576 bytes$/);
    // Decoding stopped near the cap instead of inflating all 200 MB first.
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(64 * MB);
  });

  it('accepts a body of exactly the cap and refuses one byte more', async () => {
    const body = Buffer.alloc(4096, 0x61);
    const backend = await serve((request, response) => {
      // No content-length: the streamed count alone must enforce the cap.
      response.writeHead(200, { 'transfer-encoding': 'chunked' });
      response.end(request.url === '/plus-one' ? Buffer.concat([body, Buffer.from('b')]) : body);
    });

    const response = await client.request({ url: backend.origin, timeoutMs: 2000, maxBytes: body.length });
    const error = await httpErrorOf(
      client.request({ url: `${backend.origin}/plus-one`, timeoutMs: 2000, maxBytes: body.length }),
    );

    expect(response.body.length).toBe(body.length);
    expect(error.code).toBe('too-large');
  });
});
