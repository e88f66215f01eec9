/**
 * Long tasks while the war-room board scrolls through 10k service cards.
 *
 * The board groups alerts by `service` (renderer/war-room/group-alerts.ts), and the demo estate has
 * about 40 services. The source's `serviceLabels: [instance]` option names each alert's service after
 * its instance instead, and every scale-mode alert has its own instance, so 10k alerts make 10k cards.
 */
import type { Browser } from '@playwright/test';
import { launchChromium, newPage, startServeProcess, waitForPolled } from './browser-support.js';
import { alertmanagerSource, percentile, startDemoBackend, writeConfigFile } from './support.js';
import type { BenchContext } from './support.js';

const GROUPS = 10_000;

type ScrollResult = Readonly<{ groups: number; longTasks: number[]; frames: number[]; distance: number }>;

/** Scrolls the board from top to bottom, one step per animation frame, observing long tasks. */
function scrollScript(steps: number): string {
  return `(async () => {
    const viewport = document.querySelector('.alert-board-grid');
    if (!viewport) throw new Error('the board is not on the page');
    const groups = Number(document.querySelector('.virtual-item')?.getAttribute('aria-setsize') ?? 0);
    const longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    const distance = viewport.scrollHeight - viewport.clientHeight;
    const frames = [];
    let last = performance.now();
    for (let step = 1; step <= ${steps}; step++) {
      viewport.scrollTop = Math.round((distance * step) / ${steps});
      await frame();
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    observer.disconnect();
    return { groups, longTasks, frames, distance };
  })()`;
}

/** The scroll benchmark (part of the browser group). */
export async function scrollBoard(ctx: BenchContext, browser?: Browser): Promise<void> {
  const chromium = browser ?? (await launchChromium(ctx));
  const backend = await startDemoBackend(GROUPS, 13);
  ctx.onCleanup(() => backend.stop());
  const config = writeConfigFile(ctx.tempDir('scroll'), [
    alertmanagerSource(backend.url, { interval: '1h', serviceLabels: ['instance'] }),
  ]);
  const serve = await startServeProcess(ctx, ['--config', config, '--data-dir', ctx.tempDir('scroll-data')]);
  await waitForPolled(serve.url, GROUPS * 0.99);
  const page = await newPage(chromium);
  try {
    await page.goto(`${serve.url}/`);
    await page.locator('.service-card').first().waitFor({ timeout: 120_000 });
    // About 3.5 card rows per frame: a fast fling through every card.
    const steps = ctx.quick ? 300 : 600;
    const result = await page.evaluate<ScrollResult>(scrollScript(steps));
    ctx.log(
      `  scrolled ${result.distance} px over ${result.groups} cards in ${steps} frames; long tasks: ${result.longTasks.map((ms) => ms.toFixed(0)).join(', ') || 'none'}`,
    );
    ctx.record('scroll_groups', result.groups, 'count');
    ctx.record('scroll_long_tasks', result.longTasks.length, 'count');
    ctx.record('scroll_frame_ms_p95', percentile(result.frames, 95), 'ms');
    ctx.record('scroll_frame_ms_max', Math.max(...result.frames), 'ms');
  } finally {
    await page.close();
  }
}
