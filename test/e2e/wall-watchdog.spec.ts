/**
 * Issue 9, in Chromium: a wall whose data stops moving while its host still answers is reloaded by
 * the watchdog (renderer/app/wall-mode.tsx); while the host does not answer it is left alone, so the
 * last good screen is never swapped for a browser error page. The page's clock is Playwright's, so
 * the three-minute stall takes no three minutes; every data request is held unanswered (a stuck
 * proxy, a dead stream the browser did not notice) by routing it nowhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

test.describe('the wall watchdog', () => {
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-watchdog-'));
    serve = await startServe(['--data-dir', dir, '--demo-seed', '7', '--demo-interval', '1']);
  });
  test.afterAll(async () => {
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('reloads a stalled wall once the host answers, never while it does not', async ({ page }) => {
    await page.clock.install();
    await page.goto(`${serve.url}/?wall=1&lang=en`);
    await expect(page.locator('.service-card').first()).toBeVisible({ timeout: 20_000 });
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });

    // Every data request and the event stream now hang; the health probe fails too: the host is "down".
    await page.route(/\/api\/(?!health)/, () => undefined);
    await page.route(/\/api\/health/, (route) => route.abort('connectionrefused'));
    await page.clock.fastForward('04:00');
    await page.clock.fastForward('00:30');
    await page.waitForTimeout(1000);
    expect(loads).toBe(0);
    await expect(page.locator('.service-card').first()).toBeVisible();

    // The host answers its probe again, the data still does not move: the watchdog reloads the page.
    await page.unroute(/\/api\/health/);
    await page.clock.fastForward('00:30');
    await expect.poll(() => loads, { timeout: 10_000 }).toBeGreaterThan(0);
  });
});
