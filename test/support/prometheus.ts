import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startChild, waitFor } from './processes.js';
import type { Child } from './processes.js';

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';

/** A real Prometheus (Debian's package) on a free loopback port, evaluating the given rule file. */
export async function startPrometheus(rules: string): Promise<{ url: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-prom-'));
  const port = await freePort();
  writeFileSync(join(dir, 'rules.yml'), rules);
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - ${join(dir, 'rules.yml')}\n`,
  );
  const url = `http://127.0.0.1:${port}`;
  const child: Child = startChild(PROMETHEUS_BINARY, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  await waitFor(
    async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
    `Prometheus on ${url}`,
    30_000,
    () => child.output(),
  );
  return {
    url,
    async dispose() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
