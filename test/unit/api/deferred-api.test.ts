import { describe, expect, it, vi } from 'vitest';
import { deferApi } from '../../../src/api/deferred-api.js';
import type { ChangeEvent, ICockpitApi } from '../../../src/api/contract.js';

function fakeApi(): ICockpitApi & { emit(event: ChangeEvent): void } {
  const listeners = new Set<(event: ChangeEvent) => void>();
  return {
    getOverview: vi.fn(() => Promise.resolve({ total: 3 } as never)),
    listAlerts: vi.fn((filter: unknown) => Promise.resolve({ total: 0, items: [], filter } as never)),
    getAlert: vi.fn(() => Promise.resolve(undefined)),
    listSources: vi.fn(() => Promise.resolve({ sources: [] })),
    getTimeline: vi.fn(() => Promise.resolve({} as never)),
    getBoard: vi.fn(() => Promise.resolve({ total: 0, groups: [] })),
    silenceAlert: vi.fn(() => Promise.resolve({ ok: true, value: { silenceId: 's' } } as const)),
    onDidChange(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    emit: (event) => listeners.forEach((listener) => listener(event)),
  };
}

describe('deferApi', () => {
  it('holds calls and subscriptions until the core is ready, then passes them through', async () => {
    let ready!: (api: ICockpitApi) => void;
    const api = deferApi(new Promise((resolve) => (ready = resolve)));
    const events: ChangeEvent[] = [];
    const early = api.listAlerts({ q: 'disk' });
    api.onDidChange((event) => events.push(event));
    const dropped = api.onDidChange(() => events.push({ topics: ['sources'], version: -1 }));
    dropped.dispose();

    const real = fakeApi();
    ready(real);
    await expect(early).resolves.toMatchObject({ filter: { q: 'disk' } });
    await expect(api.getOverview()).resolves.toEqual({ total: 3 });
    real.emit({ topics: ['alerts'], version: 7 });
    expect(events).toEqual([{ topics: ['alerts'], version: 7 }]);
  });

  it('rejects every call with the start failure and never calls listeners', async () => {
    const failure = new Error('cache file x was written by a newer On-Call Cockpit');
    const api = deferApi(Promise.reject(failure));
    const listener = vi.fn();
    api.onDidChange(listener);
    await expect(api.getBoard()).rejects.toBe(failure);
    await expect(api.silenceAlert('a', { durationMinutes: 60, comment: 'x' })).rejects.toBe(failure);
    expect(listener).not.toHaveBeenCalled();
  });
});
