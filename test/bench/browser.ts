/**
 * The war room in Debian's Chromium against the headless host (`serve` as its own process):
 * - first paint from a cache of 100k alerts with the backend unreachable, and the renderer's JS heap;
 * - alert-to-screen: an alert posted to a real Alertmanager until its card paints;
 * - long tasks while the board scrolls through 10k service cards.
 */
import type { Browser } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import type { PostableAlert } from '../support/alertmanager.js';
import { createDemoSimulator } from '../../src/demo/index.js';
import {
  appearanceStamp,
  buildRenderer,
  gotoAndStamp,
  jsHeapMb,
  launchChromium,
  newPage,
  startServeProcess,
  waitForPolled,
  withTimeout,
} from './browser-support.js';
import { filledCache, offlineSource } from './fixtures.js';
import { scrollBoard } from './scroll.js';
import { alertmanagerSource, median, percentile, sizeName, sleep, writeConfigFile } from './support.js';
import type { BenchContext } from './support.js';

const FIRST_CARD = '.service-card';

/** Cold start of `serve` from a filled cache, offline: process start → first service card painted. */
async function firstPaint(ctx: BenchContext, browser: Browser): Promise<void> {
  const dataDir = await filledCache(ctx, ctx.largeEstate);
  const config = writeConfigFile(ctx.tempDir('first-paint'), [offlineSource({ interval: '15s' })]);
  const reps = ctx.quick ? 2 : 3;
  const paints: number[] = [];
  const listening: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const page = await newPage(browser);
    const startedAt = Date.now();
    const serve = await startServeProcess(ctx, ['--config', config, '--data-dir', dataDir]);
    try {
      listening.push(Date.now() - startedAt);
      const paintedAt = await gotoAndStamp(page, `${serve.url}/`, FIRST_CARD, 180_000);
      paints.push(paintedAt - startedAt);
      ctx.log(
        `  first paint #${rep + 1}: listening after ${listening.at(-1)} ms, card after ${paints.at(-1)} ms`,
      );
      if (rep === reps - 1) {
        ctx.record(`renderer_js_heap_mb_${sizeName(ctx.largeEstate)}`, await jsHeapMb(page), 'MB');
      }
    } finally {
      await page.close();
      await serve.stop();
    }
  }
  ctx.record(`war_room_first_paint_ms${ctx.largeSuffix}`, median(paints), 'ms');
  ctx.record(`serve_listening_ms${ctx.largeSuffix}`, median(listening), 'ms');
}

/** Background alerts from the demo generator, none critical, so each critical probe is the top-left card. */
function backgroundAlerts(count: number): PostableAlert[] {
  const now = Date.now();
  const simulator = createDemoSimulator({ seed: 11, scale: count, alertSizeBytes: 3000, now: () => now });
  return simulator.alertsAt(now).map((alert) => {
    const severity = alert.labels.severity ?? 'warning';
    return {
      labels: {
        ...alert.labels,
        severity: severity === 'critical' || severity === 'page' ? 'high' : severity,
      },
      annotations: alert.annotations,
      startsAt: new Date(alert.startsAt).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
      generatorURL: alert.generatorURL,
    };
  });
}

/** Alert posted to a real Alertmanager → its service card painted in the war room. */
async function alertToScreen(ctx: BenchContext, browser: Browser): Promise<void> {
  const intervalMs = 2_000;
  const am = await startAlertmanager();
  ctx.onCleanup(() => am.dispose());
  const background = backgroundAlerts(1_000);
  for (let start = 0; start < background.length; start += 250) {
    await am.postAlerts(background.slice(start, start + 250));
  }
  const config = writeConfigFile(ctx.tempDir('alert-to-screen'), [
    alertmanagerSource(am.url, { interval: `${intervalMs / 1000}s`, timeout: '10s' }),
  ]);
  const serve = await startServeProcess(ctx, [
    '--config',
    config,
    '--data-dir',
    ctx.tempDir('alert-to-screen-data'),
  ]);
  await waitForPolled(serve.url, background.length);
  const page = await newPage(browser);
  await page.goto(`${serve.url}/`);
  await page.locator(FIRST_CARD).first().waitFor({ timeout: 60_000 });

  const samples: number[] = [];
  const count = ctx.quick ? 6 : 20;
  const firstStart = Date.now() - 86_400_000;
  for (let probe = 0; probe < count; probe++) {
    const service = `bench-probe-${probe}`;
    const seen = page.evaluate<number>(appearanceStamp(`.service-card[data-service="${service}"]`));
    const postedAt = Date.now();
    await am.postAlerts([
      {
        labels: { alertname: 'BenchProbe', severity: 'critical', service, instance: `${service}:9100` },
        annotations: { summary: `probe ${probe}` },
        // Each probe starts earlier than the last, so it sorts top-left (longest running first).
        startsAt: new Date(firstStart - probe * 60_000).toISOString(),
      },
    ]);
    samples.push((await withTimeout(seen, 30_000, `probe ${probe} on screen`)) - postedAt);
    // Post the next one at a random point of the poll cycle.
    await sleep(Math.random() * intervalMs);
  }
  await page.close();
  ctx.log(`  alert-to-screen samples (ms): ${samples.join(', ')}`);
  ctx.record('poll_interval_ms', intervalMs, 'ms');
  ctx.record('alert_to_screen_ms_p50', percentile(samples, 50), 'ms');
  ctx.record('alert_to_screen_ms_p95', percentile(samples, 95), 'ms');
}

/** The browser group. */
export async function runBrowser(ctx: BenchContext): Promise<void> {
  buildRenderer(ctx);
  const browser = await launchChromium(ctx);
  await firstPaint(ctx, browser);
  await alertToScreen(ctx, browser);
  await scrollBoard(ctx, browser);
}
