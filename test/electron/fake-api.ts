import { vi } from 'vitest';
import type { ChangeEvent, ICockpitApi } from '../../src/api/contract.js';
import type { Alert } from '../../src/domain/index.js';

/** A CockpitApi whose every method fails unless a test gives it an answer. */
export function createFakeApi() {
  const unexpected = (method: string) => () => Promise.reject(new Error(`unexpected call to ${method}`));
  const listeners = new Set<(event: ChangeEvent) => void>();
  const api = {
    getOverview: vi.fn<ICockpitApi['getOverview']>(unexpected('getOverview')),
    listAlerts: vi.fn<ICockpitApi['listAlerts']>(unexpected('listAlerts')),
    getAlert: vi.fn<ICockpitApi['getAlert']>(unexpected('getAlert')),
    listSources: vi.fn<ICockpitApi['listSources']>(unexpected('listSources')),
    getTimeline: vi.fn<ICockpitApi['getTimeline']>(unexpected('getTimeline')),
    getBoard: vi.fn<ICockpitApi['getBoard']>(unexpected('getBoard')),
    silenceAlert: vi.fn<ICockpitApi['silenceAlert']>(unexpected('silenceAlert')),
    onDidChange: vi.fn<ICockpitApi['onDidChange']>((listener) => {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    }),
  } satisfies ICockpitApi;
  return {
    api,
    emitChange(event: ChangeEvent) {
      for (const listener of [...listeners]) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}

const T0 = Date.parse('2026-03-01T00:00:00.000Z');

/** A firing critical alert from source am-prod. */
export function makeAlert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    sourceId: 'am-prod',
    fingerprint: id,
    name: `HighErrorRate-${id}`,
    severity: 'critical',
    state: 'firing',
    startsAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    summary: `Error rate above 5% on ${id}`,
    description: '',
    labels: {},
    annotations: {},
    service: `service-${id}`,
    silencedBy: [],
    inhibitedBy: [],
    receivers: [],
    ...overrides,
  };
}
