import { describe, expect, it, vi } from 'vitest';
import { createIpcTransport } from '../../../renderer/bridge/ipc-transport';
import { createTransportForPage } from '../../../renderer/bridge/select-transport';
import { createFakeApi } from '../support/fake-api';
import { makeOverview } from '../support/fixtures';

describe('IPC transport', () => {
  it('forwards calls to window.cockpit and is always online', async () => {
    const bridge = createFakeApi({
      getOverview: () => Promise.resolve(makeOverview()),
      listAlerts: () => Promise.resolve({ total: 0, items: [] }),
    });
    const { api, connection } = createIpcTransport(bridge);
    await expect(api.getOverview()).resolves.toEqual(makeOverview());
    await api.listAlerts({ severity: 'critical', limit: 10 });
    expect(bridge.listAlerts).toHaveBeenCalledWith({ severity: 'critical', limit: 10 });
    expect(connection.getSnapshot().state).toBe('online');
  });

  it('turns a rejected silence invoke into an error envelope', async () => {
    const bridge = createFakeApi({ silenceAlert: () => Promise.reject(new Error('handler crashed')) });
    const { api } = createIpcTransport(bridge);
    await expect(api.silenceAlert('x', { durationMinutes: 60, comment: 'c' })).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'handler crashed' },
    });
  });

  it('is chosen when the preload put window.cockpit on the page', async () => {
    const bridge = createFakeApi({ getOverview: () => Promise.resolve(makeOverview()) });
    const transport = createTransportForPage({
      cockpit: bridge,
      location: window.location,
    } as unknown as Window);
    await transport.api.getOverview();
    expect(bridge.getOverview).toHaveBeenCalledTimes(1);
  });

  it('falls back to HTTP with the page token otherwise', async () => {
    const fetchStub = vi.fn(() => Promise.resolve(new Response('{"sources":[]}', { status: 200 })));
    vi.stubGlobal('fetch', fetchStub);
    try {
      const page = { location: new URL('http://wall.test/?token=t0k&view=alerts') } as unknown as Window;
      const transport = createTransportForPage(page);
      await transport.api.listSources();
      const [url, init] = fetchStub.mock.calls[0] as unknown as [string, RequestInit];
      expect(url).toBe('http://wall.test/api/sources');
      expect(new Headers(init.headers).get('authorization')).toBe('Bearer t0k');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
