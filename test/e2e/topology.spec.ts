import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

type Graph = { nodes: { id: string; health: string }[]; edges: unknown[]; folds: { rootName: string }[] };
// Page scripts are strings: this project's Node tsconfig has no DOM types.
const FOLD_SUMMARY_OVERFLOW = `(() => {
  const element = document.querySelector('.fold-card .fold-stats');
  return element.scrollHeight - element.clientHeight;
})()`;
const TOPOLOGY_FONT_PX = `Number.parseFloat(getComputedStyle(document.querySelector('.topology-view')).fontSize)`;
type Board = { folds?: { rootName: string; services: string[]; alertCount: number }[] };

/**
 * The topology view at 720p, shown the first graph it read (the demo's health changes every few
 * seconds, so pictures compared later differ only by what the test did), once it is drawn: the
 * same picture twice in a row.
 */
async function drawnTopology(page: Page, url: string): Promise<{ chart: Locator; before: Buffer }> {
  // The demo's first catalog poll may still be running (this test can run alone).
  await expect
    .poll(
      async () => ((await (await page.request.get(`${url}/api/topology`)).json()) as Graph).nodes.length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  let first: { status: number; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route(/\/api\/topology(\?|$)/, async (route) => {
    if (!first) {
      const response = await route.fetch();
      first = { status: response.status(), headers: response.headers(), body: await response.body() };
    }
    await route.fulfill(first);
  });
  await page.goto(`${url}/?view=topology&lang=en&theme=dark`);
  const chart = page.locator('.topology-chart');
  await expect(chart.locator('canvas')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.topology-counts')).toBeVisible();
  let before: Buffer = Buffer.alloc(0);
  await expect(async () => {
    const one = await chart.screenshot();
    await page.waitForTimeout(300);
    before = await chart.screenshot();
    expect(one.equals(before)).toBe(true);
  }).toPass({ timeout: 15_000 });
  return { chart, before };
}

test.describe('the topology on the built-in demo estate', () => {
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-topology-'));
    serve = await startServe(['--data-dir', dir, '--demo-seed', '7', '--demo-interval', '1']);
  });
  test.afterAll(async () => {
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the demo catalog gives a graph, the view draws it, and a storm folds on the board', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    let graph: Graph | undefined;
    await expect
      .poll(
        async () => {
          graph = (await (await page.request.get(`${serve.url}/api/topology`)).json()) as Graph;
          return graph.nodes.length;
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(40);
    expect(graph?.edges.length ?? 0).toBeGreaterThan(40);

    // Storms are time-driven: when one is on, the board folds it under its root.
    const board = (await (await page.request.get(`${serve.url}/api/board`)).json()) as Board;
    const unfolded = (await (await page.request.get(`${serve.url}/api/board?fold=false`)).json()) as Board;
    expect(unfolded.folds).toBeUndefined();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${serve.url}/`);
    const fold = board.folds?.[0];
    if (fold) {
      await expect(page.locator('.fold-card').first()).toContainText('folded under it', { timeout: 15_000 });
      // The summary is never cut: it fits its two lines, and its full text is the tooltip.
      const summary = page.locator('.fold-card .fold-stats').first();
      const text = (await summary.locator('.fold-summary').textContent()) ?? '';
      await expect(summary).toHaveAttribute('title', text);
      expect(await page.evaluate<number>(FOLD_SUMMARY_OVERFLOW)).toBeLessThanOrEqual(1);
    }
    await page.screenshot({ path: 'test-results/screenshots/topology-war-room-en.png' });

    const fontAt = new Map<string, number>();
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      for (const lang of ['en', 'zh-CN']) {
        await page.setViewportSize({ width, height });
        await page.goto(`${serve.url}/?view=topology&lang=${lang}`);
        await expect(page.locator('.topology-chart canvas')).toBeVisible({ timeout: 15_000 });
        await expect(page.locator('.topology-counts')).toBeVisible();
        fontAt.set(`${width}x${height}`, await page.evaluate<number>(TOPOLOGY_FONT_PX));
        await page.screenshot({ path: `test-results/screenshots/topology-${width}x${height}-${lang}.png` });
      }
    }
    // The graph's labels are sized from this type size: a 4K wall gets them about twice as large.
    expect(fontAt.get('3840x2160')!).toBeGreaterThanOrEqual(1.8 * fontAt.get('1920x1080')!);
    expect(errors).toEqual([]);
  });

  test('a drag moves the drawn graph with the hand, then redraws it once where it was let go', async ({
    page,
  }) => {
    const { chart, before } = await drawnTopology(page, serve.url);
    const box = (await chart.boundingBox())!;
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const bitmap = chart.locator('> div').first();

    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 150, start.y + 40, { steps: 10 });
    // While the hand moves, the bitmap follows it (no redraw per frame).
    await expect(bitmap).toHaveAttribute('style', /transform: translate\(150px, 40px\) scale\(1\)/);
    await page.mouse.up();
    await expect(bitmap).not.toHaveAttribute('style', /translate/);
    const moved = await chart.screenshot();
    expect(moved.equals(before)).toBe(false);

    // Dragged back: the graph is drawn exactly where it was, so the centre the redraw used is right.
    await page.mouse.move(start.x + 150, start.y + 40);
    await page.mouse.down();
    await page.mouse.move(start.x, start.y, { steps: 10 });
    await page.mouse.up();
    await expect.poll(async () => (await chart.screenshot()).equals(before), { timeout: 5000 }).toBe(true);
  });

  test('a neighbourhood, and the whole map after it, are drawn fitted whatever the pan before', async ({
    page,
  }) => {
    const { chart, before } = await drawnTopology(page, serve.url);
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await chart.screenshot()).equals(before), { timeout: 5000 }).toBe(false);

    await page.locator('.topology-folds .fold-chip').first().click();
    await page.locator('.topology-item').getByRole('button', { name: 'Zoom to neighbourhood' }).click();
    await expect(page.locator('.topology-bar h2')).toContainText('Neighbourhood of');
    await page.locator('.topology-item').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Show everything' }).click();
    await expect(page.locator('.topology-bar h2')).not.toContainText('Neighbourhood of');
    // The pan is gone: the whole map is drawn exactly as it first was.
    await expect.poll(async () => (await chart.screenshot()).equals(before), { timeout: 5000 }).toBe(true);
  });
});
