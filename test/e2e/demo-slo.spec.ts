import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

test.describe('SLOs on the built-in demo estate', () => {
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-slo-'));
    serve = await startServe(['--data-dir', dir, '--demo-seed', '7', '--demo-interval', '1']);
  });
  test.afterAll(async () => {
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('shows the demo SLOs as tiles, a detail with its burn-down, and the war-room strip', async ({
    page,
  }) => {
    await page.goto(`${serve.url}/?view=slos`);
    const tiles = page.locator('button.slo-tile');
    await expect(tiles).toHaveCount(5, { timeout: 20_000 });
    await expect(tiles.first()).toContainText('Error budget left');
    await tiles.first().click();
    const detail = page.locator('.slo-detail');
    await expect(detail).toBeVisible();
    await expect(detail.locator('.slo-burn-table td[data-window="5m"]')).toContainText('×');
    await expect(detail.locator('canvas')).toBeVisible({ timeout: 10_000 });
    await page.screenshot({ path: 'test-results/screenshots/slo-board-en.png' });

    await page.locator('.app-settings select').first().selectOption('zh-CN');
    await expect(tiles.first()).toContainText('剩余错误预算');
    await page.screenshot({ path: 'test-results/screenshots/slo-board-zh-CN.png' });

    await page.goto(`${serve.url}/?view=war-room`);
    await expect(page.locator('.slo-strip .slo-chip')).toHaveCount(4);
    await expect(page.locator('.source-health')).toContainText('SLOs (Demo estate)');
  });

  test('the SLO board grows with a 4K wall like the war room, and its tiles stay on screen', async ({
    page,
  }) => {
    const measure = `(() => {
      const tiles = [...document.querySelectorAll('.slo-tile')].map((tile) => tile.getBoundingClientRect());
      const value = document.querySelector('.slo-tile .slo-name');
      return {
        fontPx: Number.parseFloat(getComputedStyle(value).fontSize),
        tileWidth: tiles[0].width,
        right: Math.max(...tiles.map((tile) => tile.right)),
        width: window.innerWidth,
      };
    })()`;
    const at = async (width: number, height: number) => {
      await page.setViewportSize({ width, height });
      await page.goto(`${serve.url}/?wall=1&view=slos&lang=en`);
      // Tiles with or without numbers yet (a demo just started has little history): names are always there.
      await expect(page.locator('button.slo-tile')).toHaveCount(5, { timeout: 20_000 });
      await page.screenshot({ path: `test-results/screenshots/slo-board-wall-${width}x${height}.png` });
      return page.evaluate<{ fontPx: number; tileWidth: number; right: number; width: number }>(measure);
    };
    const hd = await at(1920, 1080);
    const wall = await at(3840, 2160);
    // Wall type is 1.7 % of the shorter side: twice as large at 2160 rows as at 1080, tiles too.
    expect(wall.fontPx / hd.fontPx).toBeCloseTo(2, 1);
    expect(wall.tileWidth / hd.tileWidth).toBeGreaterThan(1.6);
    for (const screen of [hd, wall]) expect(screen.right).toBeLessThanOrEqual(screen.width);
  });

  test('a wall rotates between the war room and the SLOs, and a click holds the page', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`${serve.url}/?wall=1&rotate=war-room,slos&dwell=5`);
    await expect(page.locator('.war-room')).toBeVisible();
    // The controls are hidden on a wall.
    await expect(page.locator('.app-header')).toHaveCount(0);
    await expect(page.locator('.slo-view')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('.war-room')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('.slo-view')).toBeVisible({ timeout: 10_000 });
    // Someone clicks: the page stays (a minute, or twice the dwell) instead of turning under their hand.
    await page.mouse.click(5, 5);
    // Watched for more than two dwells: the war room would have been on screen for five seconds of it.
    for (let elapsed = 0; elapsed < 12_000; elapsed += 250) {
      expect(await page.locator('.war-room').count(), `${elapsed} ms after the click`).toBe(0);
      await page.waitForTimeout(250);
    }
    await expect(page.locator('.slo-view')).toBeVisible();
  });
});
