/**
 * The benchmark suite: `npm run bench [-- --quick] [-- --only ingest,queries,memory,browser,alertmanager-ui,slo,changes,topology,runbooks,claims]`.
 * Prints a table (metric, value, unit, target, status) and writes bench-results.json at the repository
 * root. Benchmarks measure and compare with targets; they never fail on a miss (STYLE.md rule 18).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runAlertmanagerUi } from './alertmanager-ui.js';
import { runBrowser } from './browser.js';
import { runChanges } from './changes.js';
import { runClaims } from './claims.js';
import { runIngest } from './ingest.js';
import { runMemory } from './memory.js';
import { runQueries } from './queries.js';
import { runRunbooks } from './runbooks.js';
import { runSlo } from './slo.js';
import { runTopology } from './topology.js';
import { ROOT, makeTempDir, round } from './support.js';
import type { BenchContext, Metric, Unit } from './support.js';
import { targetFor } from './targets.js';
import { disposeFixtures } from './fixtures.js';

const GROUPS: Readonly<Record<string, (ctx: BenchContext) => Promise<void>>> = {
  ingest: runIngest,
  queries: runQueries,
  memory: runMemory,
  browser: runBrowser,
  'alertmanager-ui': runAlertmanagerUi,
  slo: runSlo,
  changes: runChanges,
  topology: runTopology,
  runbooks: runRunbooks,
  claims: runClaims,
};

const RESULTS_FILE = join(ROOT, 'bench-results.json');

function chromiumVersion(): string {
  try {
    const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'not found';
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return db.prepare<[], string>('SELECT sqlite_version()').pluck().get() ?? 'unknown';
  } finally {
    db.close();
  }
}

function machine(quick: boolean, loadBefore: readonly number[]) {
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    totalMemGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    sqlite: sqliteVersion(),
    chromium: chromiumVersion(),
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    // Other work on the machine skews timings: the 1-minute load average before and after the run.
    loadAverageBefore: round(loadBefore[0] ?? 0, 2),
    loadAverageAfter: round(loadavg()[0] ?? 0, 2),
  };
}

function printTable(metrics: Readonly<Record<string, Metric>>): void {
  const rows = Object.entries(metrics).map(([name, metric]) => {
    const target = targetFor(name, metrics);
    const status = target === undefined ? '' : target.met(metric.value) ? 'ok' : 'MISS';
    return [
      name,
      String(round(metric.value, metric.value < 10 ? 2 : 1)),
      metric.unit,
      target?.text ?? '',
      status,
    ];
  });
  const header = ['metric', 'value', 'unit', 'target', 'status'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } },
    strict: true,
  });
  const quick = values.quick ?? false;
  const only = (values.only ?? []).flatMap((entry) => entry.split(',')).filter(Boolean);
  const unknown = only.filter((name) => !(name in GROUPS));
  if (unknown.length > 0) {
    console.error(
      `Unknown group(s) ${unknown.join(', ')}; the groups are ${Object.keys(GROUPS).join(', ')}.`,
    );
    return 2;
  }
  const selected = Object.keys(GROUPS).filter((name) => only.length === 0 || only.includes(name));
  const loadBefore = loadavg();
  const startedAt = performance.now();
  const metrics: Record<string, Metric> = {};
  const failures: string[] = [];
  const save = () =>
    writeFileSync(
      RESULTS_FILE,
      `${JSON.stringify({ metrics, machine: machine(quick, loadBefore) }, null, 2)}\n`,
    );

  for (const group of selected) {
    const cleanups: (() => Promise<void> | void)[] = [];
    const ctx: BenchContext = {
      quick,
      largeEstate: quick ? 10_000 : 100_000,
      largeSuffix: quick ? '_at_10k' : '',
      reps: quick ? 3 : 7,
      record(name: string, value: number, unit: Unit) {
        metrics[name] = { value: round(value, 3), unit };
        console.log(`  = ${name}: ${round(value, 2)} ${unit}`);
      },
      log(message: string) {
        const seconds = ((performance.now() - startedAt) / 1000).toFixed(0).padStart(4);
        console.log(`[${seconds} s] ${message}`);
      },
      tempDir(prefix: string) {
        const temp = makeTempDir(prefix);
        cleanups.push(temp.cleanup);
        return temp.dir;
      },
      onCleanup(cleanup) {
        cleanups.push(cleanup);
      },
    };
    ctx.log(`── ${group}`);
    try {
      await GROUPS[group]?.(ctx);
    } catch (error) {
      failures.push(group);
      console.error(
        `The ${group} benchmarks stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      for (const cleanup of cleanups.reverse()) {
        await Promise.resolve()
          .then(cleanup)
          .catch((error: unknown) => console.error(`cleanup after ${group} failed: ${String(error)}`));
      }
      save();
    }
  }

  disposeFixtures();
  printTable(metrics);
  console.log(
    `\nWrote ${RESULTS_FILE} (${Object.keys(metrics).length} metrics, ${((performance.now() - startedAt) / 1000).toFixed(0)} s).`,
  );
  if (failures.length > 0) {
    console.error(`These groups did not finish: ${failures.join(', ')}.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
