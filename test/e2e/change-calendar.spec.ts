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
});
