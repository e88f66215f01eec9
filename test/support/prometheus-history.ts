import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startChild, waitFor } from './processes.js';
import { PROMETHEUS_BINARY } from './prometheus.js';

export const PROMTOOL_BINARY = '/usr/bin/promtool';

/** One series: its labels and a value per sample time (its own `times`, or the shared ones). */
export type CounterSeries = Readonly<{
  family: string;
  labels: Readonly<Record<string, string>>;
  values: readonly number[];
  type?: 'counter' | 'gauge';
  times?: readonly number[];
}>;

/** OpenMetrics text of series sampled at `times` (ms), as `promtool tsdb create-blocks-from openmetrics` reads it. */
export function openMetricsText(series: readonly CounterSeries[], times: readonly number[]): string {
  const lines: string[] = [];
  const families = [...new Set(series.map((one) => one.family))];
  for (const family of families) {
    const members = series.filter((entry) => entry.family === family);
    const type = members[0]?.type ?? 'counter';
    lines.push(`# TYPE ${family} ${type}`);
    for (const one of members) {
      const labels = Object.entries(one.labels)
        .map(([key, value]) => `${key}="${value}"`)
        .join(',');
      const name = type === 'counter' ? `${family}_total` : family;
      one.values.forEach((value, index) => {
        lines.push(`${name}{${labels}} ${value} ${(((one.times ?? times)[index] ?? 0) / 1000).toFixed(3)}`);
      });
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/**
 * A real Prometheus whose TSDB was backfilled from OpenMetrics text by promtool before it started,
 * with a retention long enough for the history. Stopped by PID; its folder removed after it exits.
 */
export async function startPrometheusWithHistory(
  openMetrics: string,
  retention = '90d',
): Promise<{ url: string; dispose(): Promise<void>; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-prom-history-'));
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'history.om'), openMetrics);
  await promisify(execFile)(
    PROMTOOL_BINARY,
    ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=768h', join(dir, 'history.om'), data],
    {
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(PROMETHEUS_BINARY, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${data}`,
    `--storage.tsdb.retention.time=${retention}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  await waitFor(
    async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
    `Prometheus on ${url}`,
    30_000,
    () => child.output(),
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await child.stop();
  };
  return {
    url,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
