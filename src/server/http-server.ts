import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { ApiDispatcher } from '../api/dispatch.js';
import { METHODS } from '../api/methods.js';
import type { MethodTable } from '../api/methods.js';
import type { ApiErrorCode } from '../api/wire.js';
import type { Logger } from '../logger.js';
import type { CoreNotifications } from '../notifications/notifier.js';
import { createApiRoutes, queryToInput } from './api-routes.js';
import { serveStatic } from './static-files.js';

export type ServerOptions = Readonly<{
  api: ApiDispatcher;
  /** The core's notifications: each decision goes to every event stream as an `event: notify`. */
  notifications?: Pick<CoreNotifications, 'onNotify'>;
  /** The methods to route; the cockpit's by default (a test may add a domain of its own). */
  methods?: MethodTable;
  host: string;
  port: number;
  /** Required when binding anything but loopback. Clients send `Authorization: Bearer` or `?token=`. */
  token?: string;
  /** The built renderer (index.html + assets); served at `/` when present. */
  rendererDir?: string;
  logger: Logger;
  version: string;
}>;

export type RunningServer = Readonly<{ url: string; port: number; close(): Promise<void> }>;

const HTTP_STATUS_OF: Readonly<Record<ApiErrorCode, number>> = {
  'invalid-input': 400,
  'not-found': 404,
  unsupported: 409,
  'source-error': 502,
  forbidden: 403,
  internal: 500,
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_BODY_BYTES = 64 * 1024;

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { ok: false, error: { code, message } });
}

/** A request the router refuses before any method runs (wrong content type, oversized or broken body). */
class BadRequestError extends Error {}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new BadRequestError('send the request body as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequestError('the request body is larger than 64 KB');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequestError('the request body is not valid JSON');
  }
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function openEventStream(options: ServerOptions, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write('retry: 2000\n\n');
  const subscription = options.api.onDidChange((event) => {
    response.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const notifySubscription = options.notifications?.onNotify((event) => {
    response.write(`event: notify\ndata: ${JSON.stringify(event)}\n\n`);
  });
  // A ping every 15 s keeps proxies from closing an idle stream, reveals dead clients, and lets the
  // browser tell a silently dead connection from a quiet one (it reconnects after 45 s of silence).
  const heartbeat = setInterval(() => response.write('event: ping\ndata: {}\n\n'), 15_000);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    subscription.dispose();
    notifySubscription?.dispose();
  };
  request.on('close', close);
  response.on('error', close);
}

/** The headless host: the CockpitApi as JSON + SSE, and the built renderer for any browser. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { api, logger } = options;
  if (!isLoopback(options.host) && !options.token) {
    throw new Error(
      `refusing to listen on ${options.host} without an access token: anyone on the network could read alerts and create silences; set server.token in the config or bind 127.0.0.1`,
    );
  }
  const sockets = new Set<Socket>();

  const routes = createApiRoutes(options.methods ?? METHODS);

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && path === '/api/health')
      return sendJson(response, 200, { ok: true, version: options.version });
    if (method === 'GET' && path === '/api/events') return openEventStream(options, request, response);
    const found = routes.match(method, path);
    if (found === 'wrong-verb')
      return sendError(response, 405, 'invalid-input', `${path} does not take ${method}`);
    if (found) {
      const body = found.decl.verb === 'POST' ? await readJsonBody(request) : queryToInput(url.searchParams);
      if (found.decl.verb === 'POST' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        return sendError(response, 400, 'invalid-input', 'the request body must be a JSON object');
      }
      const result = await api.dispatch(found.method, { ...(body as object), ...found.params });
      const status = result.ok ? 200 : HTTP_STATUS_OF[result.error.code];
      // A query answers its value; a command (and any failure) answers the envelope.
      return sendJson(response, status, result.ok && found.decl.kind === 'query' ? result.value : result);
    }
    if (path.startsWith('/api/')) return sendError(response, 404, 'not-found', `no route ${method} ${path}`);
    if (method !== 'GET' && method !== 'HEAD')
      return sendError(response, 405, 'invalid-input', 'method not allowed');
    if (options.rendererDir && serveStatic(options.rendererDir, path, response)) return;
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(
      'On-Call Cockpit headless host. The UI is not built: run `npm run build`. The API is at /api/.\n',
    );
  }

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const hostHeader = (request.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (!options.token && !isLoopback(hostHeader)) {
      // Without a token only loopback names are accepted: this blocks DNS-rebinding pages.
      return sendError(
        response,
        403,
        'invalid-input',
        'this host only answers requests addressed to 127.0.0.1 or localhost',
      );
    }
    if (options.token && url.pathname.startsWith('/api/')) {
      const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!tokenMatches(options.token, bearer ?? url.searchParams.get('token') ?? undefined)) {
        return sendError(
          response,
          401,
          'invalid-input',
          'send the access token as Authorization: Bearer … or ?token=…',
        );
      }
    }
    route(request, response, url).catch((error: unknown) => {
      if (error instanceof BadRequestError) return sendError(response, 400, 'invalid-input', error.message);
      logger.error('request failed', {
        path: url.pathname,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!response.headersSent)
        sendError(response, 500, 'internal', 'the cockpit failed to answer; see its log');
      else response.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
