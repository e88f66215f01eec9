import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiDispatcher } from '../api/dispatch.js';
import { METHODS, accessOf } from '../api/methods.js';
import type { MethodTable } from '../api/methods.js';
import type { ApiCaller, ApiErrorCode } from '../api/wire.js';
import type { Logger } from '../logger.js';
import type { CoreNotifications } from '../notifications/notifier.js';
import { createAccessControl, expiredSessionCookie, roleAllows } from './access.js';
import type { AccessToken } from './access.js';
import { createApiRoutes, queryToInput } from './api-routes.js';
import {
  MAX_JSON_DEPTH,
  crossSiteReason,
  hostAllowed,
  hostOf,
  isLoopbackBind,
  nestsDeeperThan,
} from './request-policy.js';
import { serveStatic } from './static-files.js';
import type { TlsCredentials } from './tls.js';

export type ServerOptions = Readonly<{
  api: ApiDispatcher;
  /** The core's notifications: each decision goes to every event stream as an `event: notify`. */
  notifications?: Pick<CoreNotifications, 'onNotify'>;
  /** The methods to route; the cockpit's by default (a test may add a domain of its own). */
  methods?: MethodTable;
  host: string;
  port: number;
  /**
   * Who may call: required when binding anything but loopback. Clients send `Authorization: Bearer`,
   * or the session cookie `POST /api/session` gave them for it. None: loopback callers operate.
   */
  tokens?: readonly AccessToken[];
  /** Host names the host answers to besides loopback literals and `localhost` (DNS rebinding). */
  hostNames?: readonly string[];
  /** Serve https with this certificate and key (see readTlsFiles). */
  tls?: TlsCredentials;
  /** The built renderer (index.html + assets); served at `/` when present. */
  rendererDir?: string;
  logger: Logger;
  version: string;
  limits?: Partial<ServerLimits>;
  now?: () => number;
}>;

/** Bounds on what one client can hold: sockets, time before its request is complete, event streams. */
export type ServerLimits = Readonly<{
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  eventStreamsPerClient: number;
}>;

const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 256,
  eventStreamsPerClient: 8,
};

export type RunningServer = Readonly<{
  url: string;
  port: number;
  close(): Promise<void>;
  /** Replaces the tokens (config reload); sessions of tokens no longer listed end at once. */
  updateTokens(tokens: readonly AccessToken[]): void;
}>;

const HTTP_STATUS_OF: Readonly<Record<ApiErrorCode, number>> = {
  'invalid-input': 400,
  'not-found': 404,
  unsupported: 409,
  'source-error': 502,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};

const MAX_BODY_BYTES = 64 * 1024;

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
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequestError('the request body is not valid JSON');
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    throw new BadRequestError(`the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return body;
}

function openEventStream(
  api: ApiDispatcher,
  notifications: ServerOptions['notifications'],
  request: IncomingMessage,
  response: ServerResponse,
  onClose: () => void,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write('retry: 2000\n\n');
  const subscription = api.onDidChange((event) => {
    response.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const notifySubscription = notifications?.onNotify((event) => {
    response.write(`event: notify\ndata: ${JSON.stringify(event)}\n\n`);
  });
  // A ping every 15 s keeps proxies from closing an idle stream, reveals dead clients, and lets the
  // browser tell a silently dead connection from a quiet one (it reconnects after 45 s of silence).
  const heartbeat = setInterval(() => response.write('event: ping\ndata: {}\n\n'), 15_000);
  heartbeat.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    subscription.dispose();
    notifySubscription?.dispose();
    onClose();
  };
  request.on('close', close);
  response.on('error', close);
}

/** The headless host: the CockpitApi as JSON + SSE, and the built renderer for any browser. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { api, logger } = options;
  const tokens = options.tokens ?? [];
  if (!isLoopbackBind(options.host) && tokens.length === 0) {
    throw new Error(
      `refusing to listen on ${options.host} without an access token: anyone on the network could read alerts and create silences; set server.tokens in the config or bind 127.0.0.1`,
    );
  }
  if (!isLoopbackBind(options.host) && !options.tls) {
    logger.warn(
      `listening on ${options.host} without TLS: access tokens and alert contents travel in clear over the network; set server.tls (cert and key) in the config`,
    );
  }
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const secure = options.tls !== undefined;
  const scheme = secure ? 'https' : 'http';
  const access = createAccessControl(tokens);
  const hostPolicy = { bind: options.host, hostNames: options.hostNames };
  const sockets = new Set<Socket>();
  const streamsByClient = new Map<string, number>();

  const routes = createApiRoutes(options.methods ?? METHODS);

  function refuse(response: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
    sendError(response, status, code, message);
  }

  /** `/api/session`: a bearer token becomes an HttpOnly cookie (so no token stays in a URL); DELETE ends it. */
  function session(request: IncomingMessage, response: ServerResponse, caller: ApiCaller): void {
    if (request.method === 'DELETE') {
      response.setHeader('set-cookie', expiredSessionCookie(secure));
      return sendJson(response, 200, { ok: true, value: {} });
    }
    if (request.method === 'POST') {
      const cookie = access.sessionCookie(request.headers, now(), secure);
      if (cookie) response.setHeader('set-cookie', cookie);
    } else if (request.method !== 'GET') {
      return refuse(response, 405, 'invalid-input', '/api/session takes GET, POST or DELETE');
    }
    const { role, name } = caller;
    return sendJson(response, 200, { ok: true, value: { role, ...(name ? { name } : {}) } });
  }

  function eventStream(request: IncomingMessage, response: ServerResponse, address: string): void {
    const open = streamsByClient.get(address) ?? 0;
    if (open >= limits.eventStreamsPerClient) {
      return refuse(
        response,
        429,
        'invalid-input',
        `this client already has ${open} event streams open; close a tab or window of the cockpit`,
      );
    }
    streamsByClient.set(address, open + 1);
    openEventStream(api, options.notifications, request, response, () => {
      const left = (streamsByClient.get(address) ?? 1) - 1;
      if (left > 0) streamsByClient.set(address, left);
      else streamsByClient.delete(address);
    });
  }

  async function routeApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    caller: ApiCaller,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    const path = url.pathname;
    if (path === '/api/session') return session(request, response, caller);
    if (method === 'GET' && path === '/api/events')
      return eventStream(request, response, caller.address ?? '');
    const found = routes.match(method, path);
    if (found === 'malformed')
      return refuse(response, 400, 'invalid-input', `${path} has a malformed percent-escape`);
    if (found === 'wrong-verb')
      return refuse(response, 405, 'invalid-input', `${path} does not take ${method}`);
    if (!found) return refuse(response, 404, 'not-found', `no route ${method} ${path}`);
    const needed = accessOf(found.decl);
    if (!roleAllows(caller.role, needed)) {
      return refuse(
        response,
        403,
        'forbidden',
        `${found.method} needs an ${needed} token; this one is a ${caller.role}'s (a display's) token`,
      );
    }
    const body = found.decl.verb === 'POST' ? await readJsonBody(request) : queryToInput(url.searchParams);
    if (found.decl.verb === 'POST' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      return refuse(response, 400, 'invalid-input', 'the request body must be a JSON object');
    }
    const result = await api.dispatch(found.method, { ...(body as object), ...found.params }, caller);
    const status = result.ok ? 200 : HTTP_STATUS_OF[result.error.code];
    // A query answers its value; a command (and any failure) answers the envelope.
    return sendJson(response, status, result.ok && found.decl.kind === 'query' ? result.value : result);
  }

  /** Host, origin and credential checks; then the api, or the renderer. */
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return refuse(response, 400, 'invalid-input', 'the request target is not a valid path');
    }
    const hostHeader = request.headers.host;
    if (!hostAllowed(hostOf(hostHeader), hostPolicy)) {
      // Only loopback literals, localhost and configured names: this blocks DNS-rebinding pages.
      return refuse(
        response,
        403,
        'forbidden',
        'this host only answers requests addressed to a loopback address, localhost or a name in server.hostNames',
      );
    }
    const path = url.pathname;
    if (!path.startsWith('/api/')) {
      if (method !== 'GET' && method !== 'HEAD')
        return refuse(response, 405, 'invalid-input', 'method not allowed');
      if (options.rendererDir && serveStatic(options.rendererDir, path, response)) return;
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(
        'On-Call Cockpit headless host. The UI is not built: run `npm run build`. The API is at /api/.\n',
      );
      return;
    }
    const crossSite = crossSiteReason(method, request.headers);
    if (crossSite) return refuse(response, 403, 'forbidden', crossSite);
    const address = request.socket.remoteAddress ?? '';
    let caller: ApiCaller = { role: 'operator', via: 'http', address };
    if (access.required()) {
      const credential = access.identify(request.headers, now(), secure);
      // Uptime monitors carry no token: they learn that the host lives, and nothing else.
      if (!credential && method === 'GET' && path === '/api/health')
        return sendJson(response, 200, { ok: true });
      if (!credential) {
        return refuse(
          response,
          401,
          'unauthorized',
          'send an access token as Authorization: Bearer …, or open the cockpit with ?token=… once',
        );
      }
      if (credential.renewCookie) response.setHeader('set-cookie', credential.renewCookie);
      caller = { ...credential.caller, via: 'http', address };
    }
    if (method === 'GET' && path === '/api/health') {
      return sendJson(response, 200, { ok: true, version: options.version });
    }
    return routeApi(request, response, url, caller);
  }

  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node checks the two timeouts above (its default, 30 s, would let a slow client stay longer).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BadRequestError) return refuse(response, 400, 'invalid-input', error.message);
      logger.error('request failed', {
        path: request.url?.split('?')[0],
        error: error instanceof Error ? error.message : String(error),
      });
      if (!response.headersSent)
        refuse(response, 500, 'internal', 'the cockpit failed to answer; see its log');
      else response.end();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer(
        {
          ...serverOptions,
          cert: options.tls.cert,
          key: options.tls.key,
          handshakeTimeout: limits.headersTimeoutMs,
        },
        listener,
      )
    : createServer(serverOptions, listener);
  server.maxConnections = limits.maxConnections;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A handshake that fails (a client that does not trust the certificate) is the client's problem.
  server.on('tlsClientError', (error: Error) =>
    logger.debug('a TLS handshake failed', { error: error.message }),
  );

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${scheme}://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        for (const socket of sockets) socket.destroy();
      }),
    updateTokens: (next) => access.update(next),
  };
}
