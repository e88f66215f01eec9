import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { HttpError } from '../../../src/http/errors.js';

/** What a loopback server saw of one request. */
export type RecordedRequest = {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
};

export type Handler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  recorded: RecordedRequest,
) => void;

export type Loopback = {
  /** `http://127.0.0.1:<port>` (or https). */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** TCP connections accepted, including ones that never sent a request (e.g. failed TLS). */
  connections: number;
  /** Resolves once every accepted connection has closed (immediately when none is open). */
  allSocketsClosed(): Promise<void>;
  /** Resolves when the next request has arrived (headers and body read). */
  nextRequest(): Promise<RecordedRequest>;
  close(): Promise<void>;
};

/**
 * Starts a server on 127.0.0.1 with an ephemeral port. The handler runs once the request body has
 * been read, so tests can assert on exactly what the client sent.
 */
export async function startLoopback(
  handler: Handler,
  tls?: Readonly<{ key: string; cert: string }>,
): Promise<Loopback> {
  const requests: RecordedRequest[] = [];
  const open = new Set<Socket>();
  const socketClosedWaiters: (() => void)[] = [];
  const requestWaiters: ((recorded: RecordedRequest) => void)[] = [];
  let connections = 0;

  const onRequest = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      for (const waiter of requestWaiters.splice(0)) waiter(recorded);
      handler(request, response, recorded);
    });
  };
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert }, onRequest)
    : http.createServer(onRequest);
  // Count raw TCP connections: a TLS handshake that fails never becomes a request.
  server.on('connection', (socket: Socket) => {
    connections += 1;
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      if (open.size === 0) for (const waiter of socketClosedWaiters.splice(0)) waiter();
    });
  });
  // A client that gives up mid-handshake makes the TLS server emit this; it is expected here.
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    allSocketsClosed: () =>
      open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => socketClosedWaiters.push(resolve)),
    nextRequest: () => new Promise<RecordedRequest>((resolve) => requestWaiters.push(resolve)),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The HttpError a request rejects with; fails the test if it resolves or rejects with something else. */
export async function httpErrorOf(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw new Error(`expected an HttpError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the request to fail, but it succeeded');
}
