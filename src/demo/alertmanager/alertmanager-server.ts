/**
 * The demo estate's Alertmanager: the real Alertmanager API v2 over HTTP on a loopback port, serving the
 * simulator's alerts plus any posted ones, with working silences and inhibition. The cockpit's real
 * `alertmanager` connector polls it on first start, so the whole pipeline runs with no configuration.
 */
import { createServer } from 'node:http';
import { catalogApiEntity, demoCatalog } from '../estate/catalog.js';
import { demoChangeCalendar } from '../estate/change-calendar.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { DemoAlert } from '../estate/demo-alert.js';
import type { DemoSimulator } from '../estate/simulator.js';
import { createAlertInbox } from './alert-inbox.js';
import { allReceivers, demoConfigYaml } from './alert-routing.js';
import { gettableAlertJson, groupAlerts, selectAlerts } from './alert-view.js';
import type { AlertQuery } from './alert-view.js';
import { AmHttpError, handlerError, openApiError } from './am-errors.js';
import type { PostableAlert } from './am-types.js';
import { parsePostableAlerts, parsePostableSilence } from './am-validation.js';
import { booleanParam, readJsonBody, send, streamJsonArray } from './http-io.js';
import { compileAnchored, parseMatcher } from './matchers.js';
import { createSilenceStore } from './silences.js';

/** Where and what the demo Alertmanager serves. */
/** Where the demo serves its iCalendar feed of changes. */
export const DEMO_CALENDAR_PATH = '/demo/changes.ics';
/** Where the demo serves its service catalog, in Backstage's catalog API shape. */
export const DEMO_CATALOG_PATH = '/api/catalog/entities/by-query';

export type DemoAlertmanagerOptions = Readonly<{
  simulator: DemoSimulator;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the demo is for this machine only. */
  host?: string;
  /** Defaults to the simulator's clock. */
  clock?: Readonly<{ now(): number }>;
  /** Where silences are kept across restarts (a JSON file); without it they last as long as the process. */
  silencesFile?: string;
}>;

/** A running demo Alertmanager. */
export type DemoAlertmanager = Readonly<{
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Stores an alert as if Prometheus had posted it and returns its fingerprint; throws if invalid. */
  injectAlert(alert: PostableAlert): string;
  close(): Promise<void>;
}>;

const V1_GONE = JSON.stringify({
  status: 'deprecated',
  error:
    'The Alertmanager API v1 was deprecated in version 0.16.0 and is removed as of version 0.27.0 - please use the equivalent route in the Alertmanager API v2',
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function alertQuery(params: URLSearchParams): AlertQuery {
  let filter;
  try {
    filter = params.getAll('filter').map(parseMatcher);
  } catch (error) {
    throw handlerError(400, error instanceof Error ? error.message : String(error));
  }
  const receiver = params.get('receiver');
  let receiverPattern: RegExp | undefined;
  if (receiver !== null && receiver !== '') {
    try {
      receiverPattern = compileAnchored(receiver);
    } catch (error) {
      throw handlerError(400, error instanceof Error ? error.message : String(error));
    }
  }
  return {
    active: booleanParam(params, 'active'),
    silenced: booleanParam(params, 'silenced'),
    inhibited: booleanParam(params, 'inhibited'),
    unprocessed: booleanParam(params, 'unprocessed'),
    filter,
    ...(receiverPattern ? { receiver: receiverPattern } : {}),
  };
}

function methodNotAllowed(method: string, allowed: readonly string[]): AmHttpError {
  return new AmHttpError(
    405,
    JSON.stringify({ code: 405, message: `method ${method} is not allowed, but [${allowed.join(',')}] are` }),
    { allow: allowed.join(', ') },
  );
}

/** Starts the demo Alertmanager and resolves once it listens. */
export async function startDemoAlertmanager(options: DemoAlertmanagerOptions): Promise<DemoAlertmanager> {
  const { simulator } = options;
  const clock = options.clock ?? { now: () => simulator.now() };
  const host = options.host ?? '127.0.0.1';
  const silences = createSilenceStore({ file: options.silencesFile });
  const inbox = createAlertInbox();
  const startedAt = new Date(clock.now()).toISOString();
  const configYaml = demoConfigYaml(simulator.estate);
  const catalog = demoCatalog(simulator.estate);
  const catalogEntities = catalog.map((entity) => catalogApiEntity(entity, catalog));

  function currentAlerts(nowMs: number): readonly DemoAlert[] {
    const simulated = simulator.alertsAt(nowMs);
    const posted = inbox.activeAt(nowMs);
    if (posted.length === 0) return simulated;
    // A posted alert replaces a simulated one with the same labels, as a newer update would.
    const postedFingerprints = new Set(posted.map((alert) => alert.fingerprint));
    return [...simulated.filter((alert) => !postedFingerprints.has(alert.fingerprint)), ...posted];
  }

  function statusBody(): string {
    return JSON.stringify({
      cluster: { peers: [], status: 'disabled' },
      config: { original: configYaml },
      uptime: startedAt,
      versionInfo: {
        branch: 'demo',
        buildDate: '',
        buildUser: 'oncall-cockpit',
        goVersion: '',
        revision: 'demo',
        version: 'demo',
      },
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://demo');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const now = clock.now();
    const allow = (...methods: string[]) => {
      if (!methods.includes(method)) throw methodNotAllowed(method, methods);
    };

    if (path === '/-/healthy' || path === '/-/ready') {
      allow('GET', 'HEAD');
      return send(res, 200, 'OK', { 'content-type': 'text/plain; charset=utf-8' });
    }
    if (path.startsWith('/api/v1/') || path === '/api/v1') return send(res, 410, V1_GONE);
    // Not Alertmanager's: the estate's change calendar, polled by the demo source for the changes domain.
    if (path === DEMO_CALENDAR_PATH) {
      allow('GET');
      const calendar = demoChangeCalendar((from, to) => simulator.stormsBetween(from, to), now);
      return send(res, 200, calendar, { 'content-type': 'text/calendar; charset=utf-8' });
    }
    // Not Alertmanager's either: the estate's services and dependencies as a Backstage catalog, paged
    // by an offset cursor as the real one pages by an opaque one.
    if (path === DEMO_CATALOG_PATH) {
      allow('GET');
      const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
      const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 20) || 20);
      const items = catalogEntities.slice(offset, offset + limit);
      const next = offset + limit < catalogEntities.length ? { nextCursor: String(offset + limit) } : {};
      return send(res, 200, JSON.stringify({ items, totalItems: catalogEntities.length, pageInfo: next }));
    }
    if (path === '/api/v2/status') {
      allow('GET');
      return send(res, 200, statusBody());
    }
    if (path === '/api/v2/receivers') {
      allow('GET');
      return send(res, 200, JSON.stringify(allReceivers(simulator.estate)));
    }
    if (path === '/api/v2/alerts') {
      allow('GET', 'POST');
      if (method === 'POST') {
        inbox.post(parsePostableAlerts(await readJsonBody(req, 'alerts')), clock.now());
        return send(res, 200, '');
      }
      const views = selectAlerts(currentAlerts(now), silences.active(now), alertQuery(url.searchParams), now);
      return streamJsonArray(res, views, gettableAlertJson);
    }
    if (path === '/api/v2/alerts/groups') {
      allow('GET');
      const views = selectAlerts(currentAlerts(now), silences.active(now), alertQuery(url.searchParams), now);
      return streamJsonArray(res, groupAlerts(views), (group) => Buffer.from(JSON.stringify(group)), 20);
    }
    if (path === '/api/v2/silences') {
      allow('GET', 'POST');
      if (method === 'POST') {
        const input = parsePostableSilence(await readJsonBody(req, 'silence'));
        return send(res, 200, JSON.stringify({ silenceID: silences.upsert(input, clock.now()) }));
      }
      return send(res, 200, JSON.stringify(silences.list(now, alertQuery(url.searchParams).filter)));
    }
    const silenceMatch = /^\/api\/v2\/silence\/([^/]+)$/.exec(path);
    if (silenceMatch) {
      allow('GET', 'DELETE');
      const id = decodeURIComponent(silenceMatch[1] ?? '');
      if (!UUID.test(id))
        throw openApiError(601, `silenceID in path must be of type uuid: ${JSON.stringify(id)}`);
      if (method === 'DELETE') {
        silences.expire(id, now);
        return send(res, 200, '');
      }
      const silence = silences.get(id, now);
      return silence ? send(res, 200, JSON.stringify(silence)) : send(res, 404, '');
    }
    throw new AmHttpError(404, JSON.stringify({ code: 404, message: `path ${url.pathname} was not found` }));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof AmHttpError) {
        send(res, error.status, error.body, error.headers);
      } else {
        send(res, 500, `${JSON.stringify(error instanceof Error ? error.message : String(error))}\n`);
      }
    });
  });
  server.listen(options.port ?? 0, host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) =>
      Promise.reject(error instanceof Error ? error : new Error(String(error))),
    ),
  ]);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    injectAlert(alert) {
      const [input] = parsePostableAlerts([alert]);
      if (!input) throw new Error('injectAlert needs an alert');
      try {
        return inbox.post([input], clock.now())[0] ?? '';
      } catch (error) {
        throw error instanceof AmHttpError
          ? new Error(`the demo refused the alert: ${error.body.trim()}`)
          : error;
      }
    },
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
