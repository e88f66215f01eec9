import { describe, expect, it, vi } from 'vitest';
import { createIpcTransport } from '../../../renderer/bridge/ipc-transport';
import { createTransportForPage } from '../../../renderer/bridge/select-transport';
import type { EnvelopeApi } from '../../../src/api/client.js';
import { createFakeApi } from '../support/fake-api';
import type { FakeApi } from '../support/fake-api';

/** window.cockpit as the preload builds it: each method answers the host's envelope. */
function bridgeOver(api: FakeApi): EnvelopeApi {
  const methods = api as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  return new Proxy({} as EnvelopeApi, {
    get: (_target, name: string) =>
      name === 'onDidChange'
        ? api.onDidChange
        : async (input?: unknown) => ({ ok: true, value: await methods[name]!(input) }),
  });
}
import { makeOverview } from '../support/fixtures';

describe('IPC transport', () => {
  it('forwards calls to window.cockpit and is always online', async () => {
    const bridge = createFakeApi({
      getOverview: () => Promise.resolve(makeOverview()),
      listAlerts: () => Promise.resolve({ total: 0, items: [] }),
    });
    const { api, connection } = createIpcTransport(bridgeOver(bridge));
    await expect(api.getOverview()).resolves.toEqual(makeOverview());
    await api.listAlerts({ severity: 'critical', limit: 10 });
    expect(bridge.listAlerts).toHaveBeenCalledWith({ severity: 'critical', limit: 10 });
    expect(connection.getSnapshot().state).toBe('online');
  });

  it('turns a rejected silence invoke into an error envelope, and a failed query into an ApiCallError', async () => {
    const bridge = {
      silenceAlert: () => Promise.reject(new Error('handler crashed')),
      getAlert: () => Promise.resolve({ ok: false, error: { code: 'not-found', message: 'gone' } }),
      onDidChange: () => ({ dispose: () => undefined }),
    } as unknown as EnvelopeApi;
    const { api } = createIpcTransport(bridge);
    await expect(api.silenceAlert({ id: 'x', durationMinutes: 60, comment: 'c' })).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'handler crashed' },
    });
    await expect(api.getAlert({ id: 'x' })).rejects.toMatchObject({ code: 'not-found', message: 'gone' });
  });

  it('is chosen when the preload put window.cockpit on the page', async () => {
    const bridge = createFakeApi({ getOverview: () => Promise.resolve(makeOverview()) });
    const transport = createTransportForPage({
      cockpit: bridgeOver(bridge),
      location: window.location,
    } as unknown as Window);
    await transport.api.getOverview();
    expect(bridge.getOverview).toHaveBeenCalledTimes(1);
  });

  it('falls back to HTTP with the token the page was opened with otherwise', async () => {
    const fetchStub = vi.fn(() => Promise.resolve(new Response('{"sources":[]}', { status: 200 })));
    vi.stubGlobal('fetch', fetchStub);
    try {
      const page = { location: new URL('http://wall.test/?view=alerts') } as unknown as Window;
      const transport = createTransportForPage(page, 't0k');
      await transport.api.listSources();
      const calls = fetchStub.mock.calls as unknown as [string, RequestInit][];
      const [url, init] = calls.find(([called]) => called.endsWith('/api/sources'))!;
      expect(url).toBe('http://wall.test/api/sources');
      expect(new Headers(init.headers).get('authorization')).toBe('Bearer t0k');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
