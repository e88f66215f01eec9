/**
 * `npm run soak` (not in CI): runs the headless host for an hour (`--minutes N`) on the demo estate
 * with churn, a second source that flaps (up for a while, down for a while), and a browser rotating
 * between the views; samples the host's RSS and the renderer's JS heap every 30 s and reports their
 * slope after a warm-up. Writes soak-results.json. Then `COCKPIT_CRASH_KILLS=500 npm run soak:crash`
 * repeats the SIGKILL crash test at length.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startServe } from '../support/serve.js';
import { freePort } from '../support/processes.js';

const args = process.argv.slice(2);
const minutes = Number(args[args.indexOf('--minutes') + 1] ?? 60) || 60;
const SAMPLE_MS = 30_000;
const ROTATE_MS = 30_000;
const FLAP_MS = 90_000;

type Sample = Readonly<{ minute: number; hostRssMb: number; rendererHeapMb: number }>;

function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Least-squares slope in MB per hour over samples after the warm-up. */
function slopePerHour(points: readonly { minute: number; value: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.minute, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.value, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.minute - meanX) * (point.value - meanY);
    denominator += (point.minute - meanX) ** 2;
  }
  return denominator === 0 ? 0 : (numerator / denominator) * 60;
}

/** A tiny Alertmanager v2 answer that comes and goes: the flapping source. */
async function startFlappingSource(
  port: number,
): Promise<{ toggle(): Promise<void>; close(): Promise<void> }> {
  const body = JSON.stringify([
    {
      labels: { alertname: 'FlappingBackendAlert', severity: 'warning', service: 'flapper' },
      annotations: { summary: 'from the flapping source' },
      receivers: [{ name: 'default' }],
      fingerprint: 'f1a9f1a9f1a9f1a9',
      startsAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
    },
  ]);
  let server: Server | undefined;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(body);
      }).listen(port, '127.0.0.1', () => resolve());
    });
  const down = () =>
    new Promise<void>((resolve) => {
      // Already down (the flap left it so): nothing to close. An unresolved promise here would let
      // Node exit silently before the report is written.
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = undefined;
    });
  await up();
  return { toggle: () => (server ? down() : up()), close: down };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-soak-'));
  const flapPort = await freePort();
  const flapper = await startFlappingSource(flapPort);
  writeFileSync(
    join(dir, 'cockpit.yaml'),
    [
      'sources:',
      '  - { id: demo, kind: demo, name: Demo estate, interval: 5s, demoAlerts: 5000, timeout: 30s, maxResponseSize: 1GB }',
      `  - { id: flapper, kind: alertmanager, name: Flapping source, url: "http://127.0.0.1:${flapPort}", interval: 5s, timeout: 2s }`,
      '',
    ].join('\n'),
  );
  const serve = await startServe(['--config', join(dir, 'cockpit.yaml'), '--data-dir', join(dir, 'data')]);
  const pid = serve.child.process.pid ?? 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${serve.url}/`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const samples: Sample[] = [];
  const started = Date.now();
  const timers = [
    setInterval(() => void flapper.toggle(), FLAP_MS),
    setInterval(() => {
      const next = page.url().includes('view=alerts') ? 'War room' : 'Alerts';
      void page
        .getByRole('button', { name: next })
        .click()
        .catch(() => undefined);
    }, ROTATE_MS),
  ];
  console.log(
    `soak: ${minutes} min against ${serve.url} (host pid ${pid}); sampling every ${SAMPLE_MS / 1000} s`,
  );
  while (Date.now() - started < minutes * 60_000) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
    const sample = {
      minute: (Date.now() - started) / 60_000,
      hostRssMb: rssMbOf(pid),
      rendererHeapMb: heap / 1024 / 1024,
    };
    samples.push(sample);
    console.log(
      `${sample.minute.toFixed(1).padStart(6)} min  host RSS ${sample.hostRssMb.toFixed(1).padStart(7)} MB  renderer heap ${sample.rendererHeapMb.toFixed(1).padStart(6)} MB`,
    );
  }
  for (const timer of timers) clearInterval(timer);
  await browser.close();
  await serve.stop();
  await flapper.close();
  rmSync(dir, { recursive: true, force: true });

  const warm = samples.filter((sample) => sample.minute >= Math.min(15, minutes / 4));
  const hostSlope = slopePerHour(warm.map((sample) => ({ minute: sample.minute, value: sample.hostRssMb })));
  const heapSlope = slopePerHour(
    warm.map((sample) => ({ minute: sample.minute, value: sample.rendererHeapMb })),
  );
  const plateau = warm[0]?.hostRssMb ?? 0;
  const drift = plateau ? ((warm.at(-1)?.hostRssMb ?? plateau) - plateau) / plateau : 0;
  const result = {
    minutes,
    metrics: {
      host_rss_slope_mb_per_h: { value: Number(hostSlope.toFixed(2)), unit: 'MB' },
      host_rss_drift_ratio: { value: Number(drift.toFixed(3)), unit: 'ratio' },
      renderer_heap_slope_mb_per_h: { value: Number(heapSlope.toFixed(2)), unit: 'MB' },
    },
    samples,
  };
  writeFileSync('soak-results.json', `${JSON.stringify(result, null, 2)}\n`);
  console.table(result.metrics);
  console.log(
    'wrote soak-results.json (targets: renderer heap slope ≤ 0.5 MB/h, host RSS within +10 % of warm-up)',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
