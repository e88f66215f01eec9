import { ApiCallError, createCockpitClient } from '../../src/api/client.js';
import type { CallFn } from '../../src/api/client.js';
import { METHODS, pathParams } from '../../src/api/methods.js';
import type { MethodDecl, MethodTable } from '../../src/api/methods.js';
import type { Result } from '../../src/api/wire.js';
import { isEnvelope } from '../../src/api/wire.js';
import { createChangeStream } from './change-stream';
import type { EventSourceFactory } from './change-stream';
import { createConnectionState } from './connection-state';
import type { CockpitTransport } from './transport-types';

export type HttpTransportOptions = Readonly<{
  /**
   * Access token of a host bound beyond loopback: sent as a Bearer header, and exchanged once for
   * the HttpOnly session cookie the event stream (and a reload) authenticates with.
   */
  token?: string;
  fetch?: typeof fetch;
  createEventSource?: EventSourceFactory;
  /** The methods the host serves; the cockpit's by default (a test may add a domain of its own). */
  methods?: MethodTable;
}>;

function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function messageOf(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null) {
    const { error, message } = body as { error?: { message?: unknown }; message?: unknown };
    if (typeof error?.message === 'string') return error.message;
    if (typeof message === 'string') return message;
  }
  return fallback;
}

function appendValue(params: URLSearchParams, name: string, value: unknown): void {
  if (typeof value === 'string' && value !== '') params.append(name, value);
  if (typeof value === 'number' && Number.isFinite(value)) params.append(name, String(value));
  if (typeof value === 'boolean') params.append(name, String(value));
}

/**
 * Where a call goes: `:name` path segments filled from the input (URL-encoded) and the rest as the
 * query string (GET; a list repeats its parameter) or a JSON body (POST).
 */
export function requestFor(
  decl: MethodDecl,
  input: unknown,
): Readonly<{ path: string; params?: URLSearchParams; body?: unknown }> {
  const rest: Record<string, unknown> = { ...(typeof input === 'object' && input !== null ? input : {}) };
  let path = decl.path.slice(1);
  for (const name of pathParams(decl.path)) {
    const value = rest[name];
    path = path.replace(`:${name}`, encodeURIComponent(typeof value === 'string' ? value : ''));
    delete rest[name];
  }
  if (decl.verb === 'POST') return { path, body: rest };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(rest)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) appendValue(params, name, item);
  }
  return { path, params };
}

/** The CockpitApi over the headless host's HTTP routes (from the method table) and its SSE stream. */
export function createHttpTransport(
  baseUrl: string,
  options: HttpTransportOptions = {},
): CockpitTransport & Readonly<{ call: CallFn }> {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const methods = (options.methods ?? METHODS) as Readonly<Record<string, MethodDecl | undefined>>;

  const urlFor = (path: string, params?: URLSearchParams): string => {
    const url = new URL(path, baseUrl);
    if (params) url.search = params.toString();
    return url.href;
  };

  async function call(method: string, input: unknown): Promise<Result<unknown>> {
    const decl = methods[method];
    if (!decl)
      return { ok: false, error: { code: 'unsupported', message: `the api has no method ${method}` } };
    const { path, params, body } = requestFor(decl, input);
    const what = `${decl.verb} /${path}`;
    let response: Response;
    try {
      response = await fetchImpl(urlFor(path, params), {
        method: decl.verb,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiCallError(
        'internal',
        `Could not reach the cockpit host for ${what} (${describeCause(error)}).`,
      );
    }
    // 401 is not an outage: say the screen needs a token (and keep saying it until a call succeeds).
    if (response.status === 401) {
      unauthorized = true;
      connection.set('unauthorized');
    } else if (unauthorized) {
      unauthorized = false;
      connection.set('connecting');
    }
    const answer: unknown = await response.json().catch(() => undefined);
    // A query answers its value; a command, and every failure, answers an envelope.
    if (response.ok && decl.kind === 'query') return { ok: true, value: answer };
    if (response.ok && isEnvelope(answer)) return answer;
    const detail = messageOf(answer, response.statusText);
    const code = isEnvelope(answer) && !answer.ok ? answer.error.code : 'internal';
    if (decl.kind === 'command') {
      if (isEnvelope(answer)) return answer;
      return {
        ok: false,
        error: { code, message: `The cockpit host answered ${response.status} to ${what} without a result.` },
      };
    }
    // Queries reject with the HTTP status, so a view can tell "not authorised" from "host down".
    throw new ApiCallError(
      code,
      `The cockpit host answered ${response.status} to ${what}: ${detail}`,
      response.status,
    );
  }

  let unauthorized = false;
  const connection = createConnectionState('connecting');
  // The stream cannot see a 401 (EventSource hides the status): while a call says unauthorized, the
  // stream's own "lost" must not replace it.
  const streamConnection = {
    ...connection,
    set: (state: Parameters<typeof connection.set>[0]) => {
      if (!unauthorized) connection.set(state);
    },
  };
  // No token in any URL: an EventSource cannot send a header, so it rides on the session cookie.
  const session = options.token
    ? fetchImpl(urlFor('api/session'), { method: 'POST', headers, credentials: 'same-origin' }).catch(
        () => undefined,
      )
    : undefined;
  const changes = createChangeStream({
    url: urlFor('api/events'),
    createEventSource,
    connection: streamConnection,
    ...(session ? { ready: session } : {}),
  });
  const api = createCockpitClient(call, {
    onDidChange(listener) {
      const unsubscribe = changes.subscribe(listener);
      return { dispose: unsubscribe };
    },
  });
  return { api, call, connection, dispose: () => changes.dispose() };
}
