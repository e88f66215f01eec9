import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startChild, waitFor } from './processes.js';
import type { Child } from './processes.js';

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';

/** Where one Prometheus keeps its config and TSDB, the port it listens on, and its retention. */
export type PrometheusLaunch = Readonly<{ config: string; data: string; port: number; retention?: string }>;

/** Starts Debian's Prometheus on 127.0.0.1 and waits until it answers `/-/ready`; stopped by PID. */
export async function launchPrometheus(launch: PrometheusLaunch): Promise<Child> {
  const url = `http://127.0.0.1:${launch.port}`;
  const child: Child = startChild(PROMETHEUS_BINARY, [
    `--config.file=${launch.config}`,
    `--storage.tsdb.path=${launch.data}`,
    ...(launch.retention ? [`--storage.tsdb.retention.time=${launch.retention}`] : []),
    `--web.listen-address=127.0.0.1:${launch.port}`,
    '--log.level=warn',
  ]);
  await waitFor(
    async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
    `Prometheus on ${url}`,
    30_000,
    () => child.output(),
  );
  return child;
}

/** A real Prometheus (Debian's package) on a free loopback port, evaluating the given rule file. */
export async function startPrometheus(rules: string): Promise<{ url: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-prom-'));
  const port = await freePort();
  writeFileSync(join(dir, 'rules.yml'), rules);
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - ${join(dir, 'rules.yml')}\n`,
  );
  const child = await launchPrometheus({
    config: join(dir, 'prometheus.yml'),
    data: join(dir, 'data'),
    port,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async dispose() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
