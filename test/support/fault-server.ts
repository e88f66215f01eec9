/**
 * A loopback HTTP(S) server for fault injection: it answers like an Alertmanager v2 API or with one
 * switchable fault (status codes, resets, stalls, drips, huge bodies, bad JSON, redirects), and
 * records every connection and request it receives, headers and body included. A second one in
 * `alerts` mode is the "other host" of a redirect test: whatever it records is what leaked.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** What the server saw of one request. */
export type RecordedRequest = Readonly<{
  method: string;
  url: string;
  headers: Readonly<http.IncomingHttpHeaders>;
  body: string;
}>;

/** An alert as Alertmanager's `GET /api/v2/alerts` returns it (gettableAlert). */
export type GettableAlertJson = Readonly<{
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  receivers: readonly Readonly<{ name: string }>[];
  fingerprint: string;
  startsAt: string;
  updatedAt: string;
  endsAt: string;
  generatorURL: string;
  status: Readonly<{
    state: 'active';
    silencedBy: readonly string[];
    inhibitedBy: readonly string[];
    mutedBy: readonly string[];
  }>;
}>;

/** How the server answers the next requests; switch it with `setMode`. */
export type FaultMode =
  /** A healthy Alertmanager serving these alerts. */
  | Readonly<{ kind: 'alerts'; alerts: readonly GettableAlertJson[] }>
  /** Any status with an optional body and headers (500, 429 + Retry-After …). */
  | Readonly<{ kind: 'status'; status: number; headers?: Readonly<Record<string, string>>; body?: string }>
  /** 200 with this content type and body; a function sees the request (to echo it, as some proxies do). */
  | Readonly<{ kind: 'body'; contentType: string; body: string | ((request: RecordedRequest) => string) }>
  /** A TCP reset: before any answer, or after the headers and the start of the body. */
  | Readonly<{ kind: 'reset'; when: 'before-answer' | 'mid-body' }>
  /** Reads the request and never answers. */
  | Readonly<{ kind: 'hang' }>
  /** Sends 200 headers, then the body one byte every `intervalMs`, forever. */
  | Readonly<{ kind: 'drip'; intervalMs: number }>
  /** A body of `bytes` bytes generated as the client reads it (never held in memory). */
  | Readonly<{ kind: 'huge'; bytes: number; declareLength: boolean }>
  /** A redirect to `location`. */
  | Readonly<{ kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string }>;

export type FaultServer = Readonly<{
  /** `http://127.0.0.1:<port>` (or https). */
  origin: string;
  port: number;
  /** Every request whose headers and body were read, oldest first. */
  requests: readonly RecordedRequest[];
  /** TCP connections accepted, including ones that never became a request (a failed TLS handshake). */
  connections(): number;
  /** Body bytes the `huge` mode handed to the socket, which bounds what any client can have read. */
  hugeBytesSent(): number;
  setMode(mode: FaultMode): void;
  /** Replaces the TLS certificate for new connections (https servers only). */
  setCertificate(pair: Readonly<{ key: string; cert: string }>): void;
  close(): Promise<void>;
}>;

const HUGE_CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** A well-formed, critical Alertmanager alert named `name` (its fingerprint derives from the name). */
export function gettableAlert(
  name: string,
  labels: Readonly<Record<string, string>> = {},
  startsAt = '2026-03-01T08:00:00.000Z',
): GettableAlertJson {
  const fingerprint = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return {
    labels: { alertname: name, severity: 'critical', service: 'checkout', ...labels },
    annotations: { summary: `${name} on checkout` },
    receivers: [{ name: 'oncall' }],
    fingerprint,
    startsAt,
    updatedAt: startsAt,
    endsAt: '2099-01-01T00:00:00.000Z',
    generatorURL: 'http://prometheus.example/graph',
    status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
  };
}

/** `depth` nested arrays, built with two repeats rather than recursion. */
export function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Starts a fault server on 127.0.0.1 (an ephemeral port), plain HTTP unless `tls` is given. */
export async function startFaultServer(
  options: Readonly<{ mode?: FaultMode; tls?: Readonly<{ key: string; cert: string }> }> = {},
): Promise<FaultServer> {
  let mode: FaultMode = options.mode ?? { kind: 'alerts', alerts: [] };
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let hugeBytesSent = 0;

  function answer(request: http.IncomingMessage, response: http.ServerResponse, recorded: RecordedRequest) {
    switch (mode.kind) {
      case 'alerts':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(mode.alerts));
        return;
      case 'status':
        response.writeHead(mode.status, { 'content-type': 'text/plain', ...mode.headers });
        response.end(mode.body ?? '');
        return;
      case 'body':
        response.writeHead(200, { 'content-type': mode.contentType });
        response.end(typeof mode.body === 'string' ? mode.body : mode.body(recorded));
        return;
      case 'reset':
        if (mode.when === 'before-answer') {
          request.socket.resetAndDestroy();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        // Reset only once the start of the body has reached the socket, so the client is mid-body.
        response.write('[{"labels":', () => request.socket.resetAndDestroy());
        return;
      case 'hang':
        return;
      case 'drip': {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[');
        const drip = setInterval(() => response.write(' '), mode.intervalMs);
        timers.add(drip);
        response.on('close', () => {
          clearInterval(drip);
          timers.delete(drip);
        });
        return;
      }
      case 'huge': {
        const { bytes } = mode;
        response.writeHead(200, {
          'content-type': 'application/json',
          ...(mode.declareLength ? { 'content-length': String(bytes) } : {}),
        });
        let sent = 0;
        // Respect backpressure: a chunk is produced only when the socket took the previous ones.
        const pump = () => {
          while (sent < bytes && !response.destroyed) {
            const chunk = HUGE_CHUNK.subarray(0, Math.min(HUGE_CHUNK.length, bytes - sent));
            sent += chunk.length;
            hugeBytesSent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          if (!response.destroyed) response.end();
        };
        pump();
        return;
      }
      case 'redirect':
        response.writeHead(mode.status, { location: mode.location, 'content-type': 'text/plain' });
        response.end(`moved to ${mode.location}`);
        return;
    }
  }

  const onRequest = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: { ...request.headers },
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      answer(request, response, recorded);
    });
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest)
    : http.createServer(onRequest);
  server.on('connection', (socket: Socket) => {
    connections += 1;
    // A reset or a refused handshake surfaces here too; it is the fault under test, not a failure.
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  server.on('clientError', (_error, socket: Socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    hugeBytesSent: () => hugeBytesSent,
    setMode(next) {
      mode = next;
    },
    setCertificate(pair) {
      if (!(server instanceof https.Server))
        throw new Error('setCertificate needs a server started with tls');
      server.setSecureContext({ key: pair.key, cert: pair.cert });
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
