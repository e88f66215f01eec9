import { describe, expect, it, vi } from 'vitest';
import type { EventSourceLike } from '../../../renderer/bridge/change-stream';
import { ApiCallError } from '../../../src/api/client.js';
import { createHttpTransport } from '../../../renderer/bridge/http-transport';
import { makeDetail, makeOverview } from '../support/fixtures';

type Call = { url: URL; init: RequestInit };

function stubFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchStub = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: new URL(input instanceof Request ? input.url : input), init: init ?? {} };
    calls.push(call);
    return Promise.resolve(respond(call));
  });
  return { fetch: fetchStub as unknown as typeof fetch, calls };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly changeListeners: ((event: MessageEvent<string>) => void)[] = [];
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(_type: 'change', listener: (event: MessageEvent<string>) => void): void {
    this.changeListeners.push(listener);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  fail(readyState: 0 | 2): void {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
  send(data: string): void {
    for (const listener of this.changeListeners) listener(new MessageEvent('change', { data }));
  }
}

function createEventSource(url: string): FakeEventSource {
  return new FakeEventSource(url);
}

describe('HTTP transport: requests', () => {
  it('repeats a parameter for each value of a multi-valued filter', async () => {
    const { fetch, calls } = stubFetch(() => json({ total: 0, items: [] }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    await api.listAlerts({
      severity: ['critical', 'high'],
      state: 'firing',
      source: ['am-a', 'am-b'],
      service: 'payments',
      q: 'disk full',
      label: ['team=db', 'env=prod'],
      sort: 'startsAt',
      limit: 5000,
      offset: 10000,
    });
    const url = calls[0]!.url;
    expect(url.pathname).toBe('/api/alerts');
    expect(url.searchParams.getAll('severity')).toEqual(['critical', 'high']);
    expect(url.searchParams.getAll('state')).toEqual(['firing']);
    expect(url.searchParams.getAll('source')).toEqual(['am-a', 'am-b']);
    expect(url.searchParams.getAll('label')).toEqual(['team=db', 'env=prod']);
    expect(url.searchParams.get('service')).toBe('payments');
    expect(url.searchParams.get('q')).toBe('disk full');
    expect(url.searchParams.get('sort')).toBe('startsAt');
    expect(url.searchParams.get('limit')).toBe('5000');
    expect(url.searchParams.get('offset')).toBe('10000');
  });

  it('leaves out filters that are not set', async () => {
    const { fetch, calls } = stubFetch(() => json({ total: 0, items: [] }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    await api.listAlerts({});
    expect(calls[0]!.url.search).toBe('');
  });

  it('resolves routes against the page folder, so a proxy prefix is kept', async () => {
    const { fetch, calls } = stubFetch(() => json(makeOverview()));
    const { api } = createHttpTransport('https://noc.example/cockpit/', { fetch, createEventSource });
    await expect(api.getOverview()).resolves.toEqual(makeOverview());
    expect(calls[0]!.url.href).toBe('https://noc.example/cockpit/api/overview');
  });

  it('sends the page token as a Bearer header', async () => {
    const { fetch, calls } = stubFetch(() => json({ sources: [] }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource, token: 'tok' });
    await api.listSources();
    const read = calls.find((call) => call.url.pathname === '/api/sources');
    expect(new Headers(read!.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('exchanges the token once for a session cookie (POST /api/session) and puts it in no URL', async () => {
    const { fetch, calls } = stubFetch(() => json({ ok: true, value: { role: 'viewer' } }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource, token: 'tok' });
    await api.listSources().catch(() => undefined);
    const exchanges = calls.filter((call) => call.url.pathname === '/api/session');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.init.method).toBe('POST');
    expect(new Headers(exchanges[0]!.init.headers).get('authorization')).toBe('Bearer tok');
    for (const call of calls) expect(call.url.href).not.toContain('tok');
  });

  it('sends no Authorization header without a token', async () => {
    const { fetch, calls } = stubFetch(() => json({ sources: [] }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    await api.listSources();
    expect(new Headers(calls[0]!.init.headers).has('authorization')).toBe(false);
  });

  it('asks for the timeline with its parameters', async () => {
    const { fetch, calls } = stubFetch(() => json({ from: '', to: '', bucketMinutes: 5, buckets: [] }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    await api.getTimeline({ hours: 6, bucketMinutes: 5 });
    expect(calls[0]!.url.pathname + calls[0]!.url.search).toBe('/api/timeline?hours=6&bucketMinutes=5');
  });

  it('reads one alert by its encoded id, and a 404 as not-found', async () => {
    const detail = makeDetail({ id: 'am-prod:a/b' });
    const { fetch, calls } = stubFetch((call) =>
      call.url.pathname.endsWith('missing')
        ? json({ ok: false, error: { code: 'not-found', message: 'no such alert' } }, 404)
        : json(detail),
    );
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    await expect(api.getAlert({ id: 'am-prod:a/b' })).resolves.toEqual(detail);
    expect(calls[0]!.url.pathname).toBe('/api/alerts/am-prod%3Aa%2Fb');
    expect(calls[0]!.url.search).toBe('');
    await expect(api.getAlert({ id: 'missing' })).rejects.toMatchObject({ code: 'not-found', status: 404 });
  });

  it('turns a failed query into an error sentence with the host message', async () => {
    const { fetch } = stubFetch(() =>
      json({ ok: false, error: { code: 'internal', message: 'cache is locked' } }, 500),
    );
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    const failure = api.getOverview();
    await expect(failure).rejects.toBeInstanceOf(ApiCallError);
    await expect(failure).rejects.toThrow(
      'The cockpit host answered 500 to GET /api/overview: cache is locked',
    );
  });

  it('names the route when the host cannot be reached', async () => {
    const fetch = vi.fn(() =>
      Promise.reject(new TypeError('Failed to fetch')),
    ) as unknown as typeof globalThis.fetch;
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    await expect(api.listSources()).rejects.toThrow(
      'Could not reach the cockpit host for GET /api/sources (Failed to fetch).',
    );
  });
});

describe('HTTP transport: silence command', () => {
  it('posts the input as JSON and passes the ok envelope through', async () => {
    const { fetch, calls } = stubFetch(() => json({ ok: true, value: { silenceId: 's-1' } }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource, token: 'tok' });
    const input = { durationMinutes: 60, comment: 'deploy in progress', createdBy: 'mei' };
    await expect(api.silenceAlert({ id: 'am-prod:abc', ...input })).resolves.toEqual({
      ok: true,
      value: { silenceId: 's-1' },
    });
    expect(calls.at(-1)!.init.method).toBe('POST');
    expect(calls.at(-1)!.url.pathname).toBe('/api/alerts/am-prod%3Aabc/silence');
    expect(JSON.parse(calls.at(-1)!.init.body as string)).toEqual(input);
    const headers = new Headers(calls.at(-1)!.init.headers);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('authorization')).toBe('Bearer tok');
  });

  it('passes an error envelope from a 4xx answer through unchanged', async () => {
    const envelope = {
      ok: false,
      error: { code: 'unsupported', message: 'source "prom" cannot silence alerts' },
    };
    const { fetch } = stubFetch(() => json(envelope, 409));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    await expect(api.silenceAlert({ id: 'x', durationMinutes: 60, comment: 'c' })).resolves.toEqual(envelope);
  });

  it('never throws: a body that is not an envelope or a dead host become error envelopes', async () => {
    const { fetch } = stubFetch(() => new Response('<html>bad gateway</html>', { status: 502 }));
    const { api } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    const result = await api.silenceAlert({ id: 'x', durationMinutes: 60, comment: 'c' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });

    const dead = vi.fn(() =>
      Promise.reject(new TypeError('Failed to fetch')),
    ) as unknown as typeof globalThis.fetch;
    const offline = createHttpTransport('http://cockpit.test/', { fetch: dead, createEventSource });
    const unreachable = await offline.api.silenceAlert({ id: 'x', durationMinutes: 60, comment: 'c' });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(unreachable.ok === false && unreachable.error.message).toContain(
      'Could not reach the cockpit host',
    );
  });
});

describe('HTTP transport: change events over SSE', () => {
  it('opens one EventSource, once the session cookie is set and without the token, and delivers change events', async () => {
    FakeEventSource.instances = [];
    let exchanged: (response: Response) => void = () => undefined;
    const fetchStub = vi.fn(() => new Promise<Response>((resolve) => (exchanged = resolve)));
    const { api, connection } = createHttpTransport('http://cockpit.test/', {
      fetch: fetchStub as unknown as typeof fetch,
      createEventSource,
      token: 'a b',
    });
    const first = vi.fn();
    const second = vi.fn();
    api.onDidChange(first);
    api.onDidChange(second);
    expect(FakeEventSource.instances).toHaveLength(0);
    exchanged(json({ ok: true, value: { role: 'viewer' } }));
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('http://cockpit.test/api/events');
    expect(connection.getSnapshot().state).toBe('connecting');
    source.open();
    expect(connection.getSnapshot().state).toBe('online');
    source.send('{"topics":["alerts","overview","from-the-future"],"version":7}');
    expect(first).toHaveBeenCalledWith({ topics: ['alerts', 'overview'], version: 7 });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('ignores malformed events and stops delivering after dispose', () => {
    FakeEventSource.instances = [];
    const { api } = createHttpTransport('http://cockpit.test/', { createEventSource });
    const listener = vi.fn();
    const subscription = api.onDidChange(listener);
    const source = FakeEventSource.instances[0]!;
    source.send('not json');
    source.send('{"topics":"alerts","version":1}');
    subscription.dispose();
    source.send('{"topics":["alerts"],"version":2}');
    expect(listener).not.toHaveBeenCalled();
  });

  it('reports a dropped stream as lost and online again when the browser reconnects', () => {
    FakeEventSource.instances = [];
    const { api, connection } = createHttpTransport('http://cockpit.test/', { createEventSource });
    api.onDidChange(() => undefined);
    const source = FakeEventSource.instances[0]!;
    source.open();
    source.fail(0);
    expect(connection.getSnapshot().state).toBe('lost');
    source.open();
    expect(connection.getSnapshot().state).toBe('online');
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('says "needs a token" on a 401, not "connection lost", until a call succeeds', async () => {
    FakeEventSource.instances = [];
    let status = 401;
    const { fetch } = stubFetch(() =>
      status === 401
        ? json({ ok: false, error: { code: 'unauthorized', message: 'send the access token' } }, 401)
        : json({ sources: [] }),
    );
    const { api, connection } = createHttpTransport('http://cockpit.test/', { fetch, createEventSource });
    api.onDidChange(() => undefined);
    await expect(api.listSources()).rejects.toMatchObject({ status: 401 });
    expect(connection.getSnapshot().state).toBe('unauthorized');
    FakeEventSource.instances[0]!.fail(0);
    expect(connection.getSnapshot().state).toBe('unauthorized');
    status = 200;
    await api.listSources();
    expect(connection.getSnapshot().state).toBe('connecting');
    FakeEventSource.instances[0]!.open();
    expect(connection.getSnapshot().state).toBe('online');
  });

  it('re-creates a closed EventSource after a delay', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    FakeEventSource.instances = [];
    const transport = createHttpTransport('http://cockpit.test/', { createEventSource });
    transport.api.onDidChange(() => undefined);
    const first = FakeEventSource.instances[0]!;
    first.fail(2);
    expect(first.closed).toBe(true);
    expect(transport.connection.getSnapshot().state).toBe('lost');
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[1]!.open();
    expect(transport.connection.getSnapshot().state).toBe('online');
    transport.dispose();
    expect(FakeEventSource.instances[1]!.closed).toBe(true);
  });
});
