/** Shared pieces of the benchmark suite: metrics, statistics, temp folders, configs, the demo backend. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFileSchema, normalizeConfig } from '../../src/config/schema.js';
import type { CockpitConfig } from '../../src/config/schema.js';
import type { DemoBackendMessage } from './demo-backend.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** `count` is for things that are counted (long tasks); the rest are the units the issue names. */
export type Unit = 'ms' | 'MB' | 'ratio' | 'per_s' | 'count';
export type Metric = Readonly<{ value: number; unit: Unit }>;

/** What a group receives: the run's mode and a place to put its numbers as soon as it has them. */
export type BenchContext = Readonly<{
  quick: boolean;
  /** The estate size of the "at 100k" metrics: 100 000, or 10 000 in --quick. */
  largeEstate: number;
  /** Appended to the names of "at 100k" metrics when measured at another size ('' or '_at_10k'). */
  largeSuffix: string;
  /** Repetitions for timings that are cheap enough to repeat (fewer in --quick). */
  reps: number;
  record(name: string, value: number, unit: Unit): void;
  log(message: string): void;
  /** Removed when the run ends, whatever happened. */
  tempDir(prefix: string): string;
  /** Runs when the run ends (stop processes, close browsers), last registered first. */
  onCleanup(cleanup: () => Promise<void> | void): void;
}>;

/** Median; NaN for no samples. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Nearest-rank percentile (p in 0–100); NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Wall time of `work` in milliseconds, with its result. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Creates a temp folder that `cleanup()` removes. */
export function makeTempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `cockpit-bench-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The size suffix used in metric names: 10000 → `10k`. */
export function sizeName(alerts: number): string {
  return alerts % 1000 === 0 ? `${alerts / 1000}k` : String(alerts);
}

export type SourceOptions = Readonly<{
  id?: string;
  interval?: string;
  timeout?: string;
  /** Which label names the service (the board groups by it); the cockpit's default is service, job. */
  serviceLabels?: readonly string[];
}>;

/** An Alertmanager source as a config file would have it, sized for 300 MB answers. */
export function alertmanagerSource(url: string, options: SourceOptions = {}): Record<string, unknown> {
  return {
    id: options.id ?? BENCH_SOURCE_ID,
    kind: 'alertmanager',
    name: 'Benchmark Alertmanager',
    url,
    interval: options.interval ?? '1h',
    timeout: options.timeout ?? '120s',
    maxResponseSize: '1GB',
    ...(options.serviceLabels ? { serviceLabels: options.serviceLabels } : {}),
  };
}

export const BENCH_SOURCE_ID = 'am-bench';

/** A validated config for `createCockpitCore`. */
export function coreConfig(sources: readonly Record<string, unknown>[]): CockpitConfig {
  return normalizeConfig(configFileSchema.parse({ sources }));
}

/** Writes a config file for `serve --config` (JSON is YAML) and returns its path. */
export function writeConfigFile(dir: string, sources: readonly Record<string, unknown>[]): string {
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(file, JSON.stringify({ sources }, null, 2));
  return file;
}

/** The demo estate's Alertmanager (scale mode, 3 KB alerts) in its own process. */
export type DemoBackend = Readonly<{
  url: string;
  alerts: number;
  /** Moves the simulated clock by whole ticks; each tick changes 1% of the alerts. */
  advance(ticks?: number): Promise<void>;
  stop(): Promise<void>;
}>;

function nextMessage(child: ChildProcess, what: string, timeoutMs: number): Promise<DemoBackendMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the demo backend did not ${what} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onMessage = (message: DemoBackendMessage) => {
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the demo backend exited (code ${code}) before it could ${what}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts the demo backend with `alerts` alerts and waits until it listens with them generated. */
export async function startDemoBackend(alerts: number, seed = 7): Promise<DemoBackend> {
  const child = fork(join(import.meta.dirname, 'demo-backend.ts'), [String(alerts), String(seed)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'start', 120_000);
  if (!('url' in ready)) throw new Error('the demo backend answered before saying where it listens');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: ready.url,
    alerts,
    async advance(ticks = 1) {
      const reply = nextMessage(child, 'advance its clock', 60_000);
      child.send({ advanceTicks: ticks });
      await reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export function processMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
