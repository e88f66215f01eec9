import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes.js';
import { launchPrometheus } from './prometheus.js';

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

/** Recording rules (a Prometheus rule file) backfilled over [fromMs, toMs] by promtool, then loaded. */
export type BackfilledRules = Readonly<{ file: string; fromMs: number; toMs: number }>;

/**
 * A real Prometheus whose TSDB was backfilled from OpenMetrics text by promtool before it started,
 * with a retention long enough for the history. With `rules`, promtool then evaluates them over the
 * history against this Prometheus (`create-blocks-from rules`) and Prometheus restarts with those
 * blocks and the rule file. Stopped by PID; its folder removed after it exits.
 */
export async function startPrometheusWithHistory(
  openMetrics: string,
  retention = '90d',
  rules?: BackfilledRules,
): Promise<{ url: string; dispose(): Promise<void>; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-prom-history-'));
  const data = join(dir, 'data');
  const run = promisify(execFile);
  writeFileSync(join(dir, 'history.om'), openMetrics);
  await run(
    PROMTOOL_BINARY,
    ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=768h', join(dir, 'history.om'), data],
    {
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const launch = () => launchPrometheus({ config: join(dir, 'prometheus.yml'), data, port, retention });
  let child = await launch();
  if (rules) {
    writeFileSync(join(dir, 'rules.yml'), rules.file);
    const blocks = join(dir, 'rule-blocks');
    await run(PROMTOOL_BINARY, [
      'tsdb',
      'create-blocks-from',
      'rules',
      `--start=${Math.floor(rules.fromMs / 1000)}`,
      `--end=${Math.floor(rules.toMs / 1000)}`,
      `--url=${url}`,
      `--output-dir=${blocks}`,
      join(dir, 'rules.yml'),
    ]);
    await child.stop();
    for (const block of readdirSync(blocks)) renameSync(join(blocks, block), join(data, block));
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1h\nrule_files: [${JSON.stringify(join(dir, 'rules.yml'))}]\n`,
    );
    child = await launch();
  }
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
