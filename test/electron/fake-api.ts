import { vi } from 'vitest';
import type { ChangeEvent, ICockpitApi } from '../../src/api/contract.js';
import type { ApiDispatcher } from '../../src/api/dispatch.js';
import { apiInputErrorMap, describeInputError } from '../../src/api/input-errors.js';
import { METHODS } from '../../src/api/methods.js';
import { API_SPEC } from '../../src/api/spec/index.js';
import type { MethodSpec } from '../../src/api/spec/index.js';
import type { Result } from '../../src/api/wire.js';
import type { Alert, Silence } from '../../src/domain/index.js';

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
    getAudit: vi.fn<ICockpitApi['getAudit']>(unexpected('getAudit')),

    getAlertSilences: vi.fn<ICockpitApi['getAlertSilences']>(unexpected('getAlertSilences')),
    unsilenceAlert: vi.fn<ICockpitApi['unsilenceAlert']>(unexpected('unsilenceAlert')),
    extendSilence: vi.fn<ICockpitApi['extendSilence']>(unexpected('extendSilence')),

    listSlos: vi.fn<ICockpitApi['listSlos']>(unexpected('listSlos')),
    getSlo: vi.fn<ICockpitApi['getSlo']>(unexpected('getSlo')),
    listScenarios: vi.fn<ICockpitApi['listScenarios']>(unexpected('listScenarios')),
    listChanges: vi.fn<ICockpitApi['listChanges']>(unexpected('listChanges')),
    getFreezes: vi.fn<ICockpitApi['getFreezes']>(unexpected('getFreezes')),
    getAlertChanges: vi.fn<ICockpitApi['getAlertChanges']>(unexpected('getAlertChanges')),
    getTopology: vi.fn<ICockpitApi['getTopology']>(unexpected('getTopology')),
    getTopologyItem: vi.fn<ICockpitApi['getTopologyItem']>(unexpected('getTopologyItem')),
    listRunbooks: vi.fn<ICockpitApi['listRunbooks']>(unexpected('listRunbooks')),
    getRunbook: vi.fn<ICockpitApi['getRunbook']>(unexpected('getRunbook')),
    getAlertRunbooks: vi.fn<ICockpitApi['getAlertRunbooks']>(unexpected('getAlertRunbooks')),
    ackAlert: vi.fn<ICockpitApi['ackAlert']>(unexpected('ackAlert')),
    unackAlert: vi.fn<ICockpitApi['unackAlert']>(unexpected('unackAlert')),
    handoverAlert: vi.fn<ICockpitApi['handoverAlert']>(unexpected('handoverAlert')),
    getAlertAcks: vi.fn<ICockpitApi['getAlertAcks']>(unexpected('getAlertAcks')),
    getNotificationState: vi.fn<ICockpitApi['getNotificationState']>(unexpected('getNotificationState')),
    snoozeNotifications: vi.fn<ICockpitApi['snoozeNotifications']>(unexpected('snoozeNotifications')),
    onDidChange: vi.fn<ICockpitApi['onDidChange']>((listener) => {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    }),
  } satisfies ICockpitApi;
  return {
    api,
    dispatcher: fakeDispatcher(api),
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

/**
 * The dispatcher over a fake client: input parsed with the real spec (so invalid input is refused
 * as the real edge refuses it), then the fake's method; a query's value is wrapped in an envelope.
 */
export function fakeDispatcher(api: ICockpitApi): ApiDispatcher {
  const methods = api as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  return {
    async dispatch(method, input): Promise<Result<unknown>> {
      const spec = (API_SPEC as Record<string, MethodSpec | undefined>)[method];
      if (!spec) return { ok: false, error: { code: 'not-found', message: `no method ${method}` } };
      const parsed = spec.input.safeParse(input ?? {}, { error: apiInputErrorMap });
      if (!parsed.success) {
        const message = describeInputError(parsed.error, spec.input);
        return { ok: false, error: { code: 'invalid-input', message } };
      }
      const call = methods[method];
      if (!call) throw new Error(`the fake has no ${method}`);
      try {
        const value = await call(parsed.data);
        return (METHODS as Record<string, { kind: string }>)[method]?.kind === 'command'
          ? (value as Result<unknown>)
          : { ok: true, value };
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `${method} failed: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
      }
    },
    onDidChange: (listener) => api.onDidChange(listener),
  };
}

/** An active silence of am-prod, one hour long. */
export function makeSilence(id: string, overrides: Partial<Silence> = {}): Silence {
  return {
    id,
    sourceId: 'am-prod',
    state: 'active',
    matchers: [{ name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true }],
    startsAt: '2026-03-01T00:00:00.000Z',
    endsAt: '2026-03-01T01:00:00.000Z',
    createdBy: 'alice',
    comment: 'deploy in progress',
    ...overrides,
  };
}
