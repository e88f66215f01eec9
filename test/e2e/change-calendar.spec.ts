import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

test.describe('the change calendar on the built-in demo estate', () => {
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-changes-'));
    serve = await startServe(['--data-dir', dir, '--demo-seed', '7', '--demo-interval', '1']);
  });
  test.afterAll(async () => {
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the war room shows the freeze band and recent changes; the calendar draws them in a real browser', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${serve.url}/`);
    // The first demo poll reads the estate's calendar over loopback; on a loaded box it can take a while.
    await expect(page.locator('.freeze-band.is-active')).toContainText('Change freeze until', {
      timeout: 45_000,
    });
    await expect(page.locator('.change-strip-item').first()).toBeVisible();

    await page.locator('.app-nav').getByRole('button', { name: 'Changes' }).click();
    await expect(page.locator('.change-table tbody tr').first()).toBeVisible();
    await expect(page.locator('.change-calendar-chart canvas')).toBeVisible();
    await expect(page.locator('.change-table')).toContainText('daily config push');
    await page.getByRole('button', { name: 'Week' }).click();
    await expect(page.locator('.change-table')).toContainText('release train');
    await page.screenshot({ path: 'test-results/screenshots/change-calendar-en.png' });

    await page.locator('.app-settings select').first().selectOption('zh-CN');
    await expect(page.locator('.app-nav')).toContainText('变更');
    await page.screenshot({ path: 'test-results/screenshots/change-calendar-zh-CN.png' });
    expect(errors).toEqual([]);
  });

  test('on a 4K wall the calendar takes the war room type size, its chart text too', async ({ page }) => {
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.goto(`${serve.url}/?wall=1&view=changes&dwell=3600`);
    await expect(page.locator('.change-calendar-chart canvas')).toBeVisible({ timeout: 45_000 });
    const measured = await page.evaluate(`(() => {
      const pageBox = document.querySelector('.change-calendar');
      const chart = document.querySelector('.change-calendar-chart');
      return {
        fontPx: Number.parseFloat(getComputedStyle(pageBox).fontSize),
        chartHeight: chart.getBoundingClientRect().height,
      };
    })()`);
    const { fontPx, chartHeight } = measured as { fontPx: number; chartHeight: number };
    // 1.7vmin of 2160 px: about 37 px, more than twice the desk's 16, and the chart grows with it.
    expect(fontPx).toBeGreaterThan(32);
    expect(chartHeight).toBeGreaterThan(20 * fontPx);
    await page.screenshot({ path: 'test-results/screenshots/change-calendar-wall-3840.png' });
  });
});
