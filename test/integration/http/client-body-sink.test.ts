import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/client.js';
import { httpErrorOf, startLoopback } from './loopback.js';
import type { Handler, Loopback } from './loopback.js';

const client = createHttpClient();
const MB = 1024 * 1024;
let server: Loopback | undefined;

async function serve(handler: Handler): Promise<Loopback> {
  server = await startLoopback(handler);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A sink that records what it was given. */
function recordingSink() {
  const chunks: Buffer[] = [];
  let ended = false;
  return {
    chunks,
    ended: () => ended,
    text: () => Buffer.concat(chunks).toString('utf8'),
    sink: { write: (chunk: Buffer) => void chunks.push(chunk), end: () => void (ended = true) },
  };
}

/** Writes `total` bytes of `x` in 64 KB pieces, stopping if the client goes away. */
function streamBytes(total: number): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    const piece = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (sent < total && !response.destroyed) {
        sent += piece.length;
        if (!response.write(piece)) return void response.once('drain', pump);
      }
      response.end();
    };
    pump();
  };
}

describe('http client: a body sink takes the body as it streams in', { timeout: 10_000 }, () => {
  it('hands every (decompressed) chunk to the sink and returns an empty body', async () => {
    const text = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ i, name: `alert ${i}` })));
    const backend = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync(text));
    });
    const recorded = recordingSink();
    const seen: number[] = [];

    const response = await client.request({
      url: backend.origin,
      timeoutMs: 5000,
      maxBytes: MB,
      bodySink: (status) => {
        seen.push(status);
        return recorded.sink;
      },
    });

    expect(seen).toEqual([200]);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(0);
    expect(recorded.ended()).toBe(true);
    expect(recorded.text()).toBe(text);
  });

  it('keeps the body as usual when the sink factory declines (an error page)', async () => {
    const backend = await serve((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('overloaded');
    });

    const response = await client.request({
      url: backend.origin,
      timeoutMs: 5000,
      maxBytes: MB,
      bodySink: (status) => (status === 200 ? recordingSink().sink : undefined),
    });

    expect(response.status).toBe(503);
    expect(response.body.toString()).toBe('overloaded');
  });

  it('still enforces the byte cap, and the sink never sees more than the cap', async () => {
    const backend = await serve(streamBytes(300 * MB));
    const recorded = recordingSink();

    const error = await httpErrorOf(
      client.request({
        url: backend.origin,
        timeoutMs: 5000,
        maxBytes: 2 * MB,
        bodySink: () => recorded.sink,
      }),
    );

    expect(error.code).toBe('too-large');
    expect(recorded.ended()).toBe(false);
    expect(Buffer.concat(recorded.chunks).length).toBeLessThanOrEqual(2 * MB);
    await backend.allSocketsClosed();
  });

  it('ends the request with the error a sink throws, and stops the download', async () => {
    const backend = await serve(streamBytes(300 * MB));
    let received = 0;
    const refusal = new Error('answered malformed JSON (Unexpected token at byte 70000)');

    const failure = await client
      .request({
        url: backend.origin,
        timeoutMs: 5000,
        maxBytes: 400 * MB,
        bodySink: () => ({
          write(chunk) {
            received += chunk.length;
            if (received > 64 * 1024) throw refusal;
          },
          end() {},
        }),
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toBe(refusal);
    expect(received).toBeLessThan(2 * MB);
    await backend.allSocketsClosed();
  });
});
