import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startChild, waitFor } from './processes.js';
import type { Child } from './processes.js';

export const ALERTMANAGER_BINARY = '/usr/bin/prometheus-alertmanager';

const CONFIG = `route:
  receiver: blackhole
  group_wait: 1s
  group_interval: 1s
receivers:
  - name: blackhole
`;

export type PostableAlert = Readonly<{
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}>;

/** A real Alertmanager (Debian's package) on a free loopback port, gossip disabled. */
export type RealAlertmanager = Readonly<{
  url: string;
  port: number;
  postAlerts(alerts: readonly PostableAlert[]): Promise<void>;
  getSilences(): Promise<
    {
      id: string;
      status: { state: string };
      matchers: { name: string; value: string }[];
      createdBy: string;
      comment: string;
      startsAt: string;
      endsAt: string;
    }[]
  >;
  getAlerts(): Promise<
    { fingerprint: string; labels: Record<string, string>; status: { state: string; silencedBy: string[] } }[]
  >;
  stop(): Promise<void>;
  /** Starts it again on the same port and storage (silences survive). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}>;

export async function startAlertmanager(options: { port?: number } = {}): Promise<RealAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-am-'));
  writeFileSync(join(dir, 'alertmanager.yml'), CONFIG);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: Child | undefined;

  async function launch(): Promise<void> {
    const running = startChild(ALERTMANAGER_BINARY, [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ]);
    child = running;
    await waitFor(
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      `Alertmanager on ${url}`,
      20_000,
      () => running.output(),
    );
  }

  async function stop(): Promise<void> {
    await child?.stop();
    child = undefined;
  }

  await launch();
  return {
    url,
    port,
    async postAlerts(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!response.ok) throw new Error(`posting alerts failed: ${response.status} ${await response.text()}`);
    },
    async getSilences() {
      return (await (await fetch(`${url}/api/v2/silences`)).json()) as never;
    },
    async getAlerts() {
      return (await (await fetch(`${url}/api/v2/alerts`)).json()) as never;
    },
    stop,
    restart: launch,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
