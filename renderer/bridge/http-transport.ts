import type {
  Board,
  AlertDetail,
  ApiError,
  ICockpitApi,
  Overview,
  Page,
  Result,
  Timeline,
} from '../../src/api/contract.js';
import type { Alert, SourceInfo } from '../../src/domain/index.js';
import { alertFilterToSearchParams, timelineInputToSearchParams } from './alert-query';
import { createChangeStream } from './change-stream';
import type { EventSourceFactory } from './change-stream';
import { createConnectionState } from './connection-state';
import type { CockpitTransport } from './transport-types';

export type HttpTransportOptions = Readonly<{
  /** Access token of a host bound beyond loopback: sent as a Bearer header and as ?token= for SSE. */
  token?: string;
  fetch?: typeof fetch;
  createEventSource?: EventSourceFactory;
}>;

/** Thrown by queries so error views can show what failed; commands use envelopes instead. */
export class HostRequestError extends Error {
  override readonly name = 'HostRequestError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readErrorMessage(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) {
      const { error, message } = body as { error?: { message?: unknown }; message?: unknown };
      if (typeof error?.message === 'string') return error.message;
      if (typeof message === 'string') return message;
    }
  } catch {
    // A body that is not JSON (a proxy's HTML error page) says nothing we can show.
  }
  return response.statusText;
}

function isEnvelope(value: unknown): value is Result<Readonly<{ silenceId: string }>> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, value: payload, error } = value as { ok?: unknown; value?: unknown; error?: Partial<ApiError> };
  if (ok === true) return typeof payload === 'object' && payload !== null;
  return ok === false && typeof error?.message === 'string' && typeof error.code === 'string';
}

/** The CockpitApi over the headless host's HTTP routes and its SSE change stream. */
export function createHttpTransport(baseUrl: string, options: HttpTransportOptions = {}): CockpitTransport {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  const urlFor = (path: string, params?: URLSearchParams): string => {
    const url = new URL(path, baseUrl);
    if (params) url.search = params.toString();
    return url.href;
  };

  const request = async (method: string, path: string, params?: URLSearchParams, body?: unknown) => {
    try {
      return await fetchImpl(urlFor(path, params), {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new HostRequestError(
        `Could not reach the cockpit host for ${method} /${path} (${describeCause(error)}).`,
      );
    }
  };

  const ensureOk = async (response: Response, path: string): Promise<void> => {
    if (response.ok) return;
    const detail = await readErrorMessage(response);
    throw new HostRequestError(
      `The cockpit host answered ${response.status} to GET /${path}: ${detail}`,
      response.status,
    );
  };

  const getJson = async <T>(path: string, params?: URLSearchParams): Promise<T> => {
    const response = await request('GET', path, params);
    await ensureOk(response, path);
    return (await response.json()) as T;
  };

  const connection = createConnectionState('connecting');
  const eventsParams = options.token ? new URLSearchParams({ token: options.token }) : undefined;
  const changes = createChangeStream({
    url: urlFor('api/events', eventsParams),
    createEventSource,
    connection,
  });

  const api: ICockpitApi = {
    getOverview: () => getJson<Overview>('api/overview'),
    listSources: () => getJson<{ sources: readonly SourceInfo[] }>('api/sources'),
    listAlerts: (filter) => getJson<Page<Alert>>('api/alerts', alertFilterToSearchParams(filter)),
    async getAlert(id) {
      const path = `api/alerts/${encodeURIComponent(id)}`;
      const response = await request('GET', path);
      // Resolved alerts age out of the cache; "gone" is an answer, not an error.
      if (response.status === 404) return undefined;
      await ensureOk(response, path);
      return (await response.json()) as AlertDetail;
    },
    getTimeline: (input) => getJson<Timeline>('api/timeline', timelineInputToSearchParams(input)),
    getBoard: () => getJson<Board>('api/board'),
    async silenceAlert(id, input) {
      const path = `api/alerts/${encodeURIComponent(id)}/silence`;
      let response: Response;
      try {
        response = await request('POST', path, undefined, input);
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: describeCause(error) } };
      }
      // The host answers 4xx with an envelope too (invalid input, unsupported source): pass it on.
      const body: unknown = await response.json().catch(() => undefined);
      if (isEnvelope(body)) return body;
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The cockpit host answered ${response.status} to POST /${path} without a result.`,
        },
      };
    },
    onDidChange(listener) {
      const unsubscribe = changes.subscribe(listener);
      return { dispose: unsubscribe };
    },
  };

  return { api, connection, dispose: () => changes.dispose() };
}
