/**
 * The security suite's host: a real Alertmanager, the core in its worker over a real cache, and the
 * headless host in this process (so a test can tune its limits), plus a raw HTTP client that sends
 * exactly the headers a probe would (fetch refuses to set Host and rewrites Origin).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/logger.js';
import { startServer } from '../../../src/server/http-server.js';
import type { RunningServer, ServerOptions } from '../../../src/server/http-server.js';
import { startCoreWorker } from '../../../src/worker/remote-core.js';
import type { RemoteCore } from '../../../src/worker/remote-core.js';
import { startAlertmanager } from '../../support/alertmanager.js';
import type { RealAlertmanager } from '../../support/alertmanager.js';
import { waitFor } from '../../support/processes.js';

export type Harness = Readonly<{
  am: RealAlertmanager;
  core: RemoteCore;
  dir: string;
  dataDir: string;
  /** Starts (or restarts) the headless host with these options over the same core. */
  serve(options?: Partial<ServerOptions>): Promise<RunningServer>;
  dispose(): Promise<void>;
}>;

/** A real Alertmanager with one firing alert, the core polling it every second. */
export async function startHarness(extraYaml = ''): Promise<Harness> {
  const am = await startAlertmanager();
  await am.postAlerts([
    {
      labels: { alertname: 'CheckoutDown', severity: 'critical', service: 'checkout' },
      annotations: { summary: 'Checkout is down' },
    },
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-security-'));
  const dataDir = join(dir, 'data');
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(
    file,
    `sources:\n  - id: am-main\n    kind: alertmanager\n    url: ${am.url}\n    interval: 1s\n${extraYaml}`,
  );
  const core = await startCoreWorker({
    config: loadConfigFile(file),
    dataDir,
    logger: silentLogger,
    logLevel: 'error',
  });
  await waitFor(async () => {
    const result = await core.api.dispatch('listAlerts', {});
    return result.ok && (result.value as { total: number }).total > 0 ? true : undefined;
  }, 'the first poll to land');
  let server: RunningServer | undefined;
  return {
    am,
    core,
    dir,
    dataDir,
    async serve(options = {}) {
      await server?.close();
      server = await startServer({
        api: core.api,
        host: '127.0.0.1',
        port: 0,
        logger: silentLogger,
        version: 't',
        ...options,
      });
      return server;
    },
    async dispose() {
      await server?.close();
      await core.stop();
      await am.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RawResponse = Readonly<{
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
  json<T = unknown>(): T;
}>;

export type RawRequest = Readonly<{
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM of a CA to trust (https). */
  ca?: string;
}>;

/** One request with exactly these headers (Host included) to a running host. */
export function raw(baseUrl: string, options: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: url.host, ...options.headers },
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A JSON POST as a same-origin page would send it. */
export function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return raw(baseUrl, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin, ...headers },
    body: JSON.stringify(body),
  });
}

/** The id of the Alertmanager's firing alert, as the cockpit names it. */
export async function firstAlertId(core: RemoteCore): Promise<string> {
  const result = await core.api.dispatch('listAlerts', {});
  if (!result.ok) throw new Error(result.error.message);
  const id = (result.value as { items: { id: string }[] }).items[0]?.id;
  if (!id) throw new Error('no alert');
  return id;
}
