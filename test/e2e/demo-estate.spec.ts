import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';
import { waitFor } from '../support/processes.js';

test.describe('the war room on the built-in demo estate', () => {
  let serve: ServeProcess;
  let dir: string;
  let demoUrl: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-demo-'));
    serve = await startServe(['--data-dir', dir, '--demo-seed', '7', '--demo-interval', '1']);
    demoUrl = await waitFor(
      () => /Alertmanager API is at (http:\/\/\S+)/.exec(serve.child.output())?.[1],
      'the demo estate URL',
    );
  });
  test.afterAll(async () => {
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('shows firing demo alerts within seconds and updates without a reload', async ({ page }) => {
    await page.goto(`${serve.url}/`);
    await expect(page.locator('.service-card').first()).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('.source-health')).toContainText('Demo estate');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));

    const response = await fetch(`${demoUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          labels: {
            alertname: 'E2eInjectedOutage',
            severity: 'critical',
            service: 'e2e-canary',
            instance: 'canary-1',
          },
          annotations: { summary: 'Injected by the e2e test' },
        },
      ]),
    });
    expect(response.ok).toBe(true);
    const card = page.locator('.service-card[data-service="e2e-canary"]');
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-severity', 'critical');
    expect(navigations).toEqual([]);
  });

  test('speaks Chinese when switched to zh-CN, and both languages make a wall-ready screenshot', async ({
    page,
  }) => {
    await page.goto(`${serve.url}/`);
    await expect(page.locator('.service-card').first()).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('.timeline-panel canvas')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/war-room-en.png' });

    await page.locator('.app-settings select').first().selectOption('zh-CN');
    await expect(page.locator('.app-nav')).toContainText('作战室');
    await expect(page.locator('.severity-counts')).toContainText('致命');
    await expect(page.locator('.severity-counts')).toContainText('预警');
    await page.screenshot({ path: 'test-results/screenshots/war-room-zh-CN.png' });

    await page.reload();
    await expect(page.locator('.app-nav')).toContainText('作战室');
  });
});
