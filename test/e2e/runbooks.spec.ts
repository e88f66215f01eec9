import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readablePart, sanitizeRunbookHtml } from '../../src/connectors/runbooks/render.js';
import { runbookPage, XSS_PAGE_RULE } from '../../src/demo/runbooks/runbook-pages.js';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

/** Hovers, clicks and focuses everything inside `scope`, then reads what a payload would have set. */
async function provoke(page: Page, scope: string): Promise<unknown> {
  // A string, so it runs in the page (this file is typed for Node, without the DOM).
  await page.evaluate(`(() => {
    for (const element of document.querySelectorAll(${JSON.stringify(`${scope} *`)})) {
      for (const type of ['mouseover', 'mouseenter', 'click', 'focus', 'toggle', 'load', 'error']) {
        element.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }
  })()`);
  return page.evaluate('window.__runbookXss');
}

async function dangerous(page: Page, scope: string): Promise<number> {
  return page
    .locator(
      `${scope} :is(script, iframe, object, embed, svg, math, style, form, input, [onerror], [onclick], [onload], [onmouseover], [style], a[href^="javascript"], img:not([src^="data:image/"]))`,
    )
    .count();
}

test.describe('the runbook vault on the built-in demo estate', () => {
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-runbooks-'));
    serve = await startServe(['--data-dir', dir, '--demo-seed', '7', '--demo-interval', '1']);
  });
  test.afterAll(async () => {
    await serve?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the shelf finds 磁盘, the reader shows steps and shelf life, the markdown XSS corpus stays inert', async ({
    page,
  }) => {
    const errors: string[] = [];
    const remote: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(serve.url) && !request.url().startsWith('data:'))
        remote.push(request.url());
    });
    await page.goto(`${serve.url}/?view=runbooks`);
    await page.getByRole('searchbox', { name: 'Search runbooks' }).fill('磁盘');
    await expect(page.locator('.runbook-row').first()).toContainText('磁盘', { timeout: 20_000 });
    await expect(page.locator('.runbook-row mark').first()).toHaveText('磁盘');
    await page.locator('.runbook-row', { hasText: '磁盘已满处理预案' }).getByRole('button').click();
    const reader = page.locator('.runbook-reader');
    await expect(reader.locator('.runbook-head h2')).toHaveText('磁盘已满处理预案');
    await expect(reader.locator('.runbook-meta')).toContainText(/cached .* ago from .*disk-full-zh\.md/);
    await expect(reader.locator('.runbook-step')).toHaveCount(5);
    await reader.locator('.runbook-step input').first().check();
    await expect(reader.locator('.runbook-steps h3')).toContainText('1 of 5 done');
    await page.reload();
    await page.locator('.runbook-row', { hasText: '磁盘已满处理预案' }).getByRole('button').click();
    // Ticked steps are kept on this screen.
    await expect(page.locator('.runbook-steps h3')).toContainText('1 of 5 done');

    await page.getByRole('searchbox', { name: 'Search runbooks' }).fill('rollback payments');
    const payments = page.locator('.runbook-row', { hasText: 'Rollback payments release' });
    await expect(payments).toContainText(/not drilled for \d+ days/);

    await page.getByRole('searchbox', { name: 'Search runbooks' }).fill('XSS corpus');
    await page.locator('.runbook-row', { hasText: 'Markdown XSS corpus' }).getByRole('button').click();
    await expect(page.locator('.runbook-head h2')).toHaveText('Markdown XSS corpus (must render inert)');
    await expect(page.locator('.runbook-body a[href="https://ok.example/"]')).toHaveAttribute(
      'target',
      '_blank',
    );
    expect(await dangerous(page, '.runbook-body')).toBe(0);
    expect(await provoke(page, '.runbook-body')).toBeUndefined();
    expect(errors).toEqual([]);
    expect(remote).toEqual([]);
  });

  test('screenshots of the reader in en and zh-CN at three sizes', async ({ page }) => {
    test.setTimeout(180_000);
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const lang of ['en', 'zh-CN']) {
        await page.goto(`${serve.url}/?view=runbooks&lang=${lang}`);
        await page.locator('.runbook-search').fill('磁盘');
        await page.locator('.runbook-row', { hasText: '磁盘已满处理预案' }).getByRole('button').click();
        await expect(page.locator('.runbook-step').first()).toBeVisible();
        await page.screenshot({ path: `test-results/screenshots/runbooks-${width}x${height}-${lang}.png` });
      }
    }
  });

  test('an alert’s detail opens its runbook inside the cockpit', async ({ page }) => {
    await page.goto(`${serve.url}/?view=alerts`);
    await page.locator('[id^="alert-option"]').first().click();
    const panel = page.locator('.alert-detail .runbook-panel');
    await expect(panel.locator('.runbook-row').first()).toContainText('linked by the alert', {
      timeout: 30_000,
    });
    await expect(panel.locator('.runbook-head h2')).toBeVisible();
    await expect(panel.locator('.runbook-meta')).toContainText('runbooks.demo.example');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/runbooks-alert-panel-en.png' });
  });
});

test('a wiki page with an XSS payload, sanitized by the prefetch path, runs nothing in Chromium', async ({
  page,
}) => {
  const wiki =
    runbookPage(`/node-exporter/${XSS_PAGE_RULE}`, Date.now()) ??
    runbookPage(`/mysql-order/${XSS_PAGE_RULE}`, Date.now());
  expect(wiki?.body).toContain('<script>');
  const readable = readablePart(wiki!.body);
  const { html } = sanitizeRunbookHtml(readable.html, { baseUrl: 'https://runbooks.demo.example/x/y' });
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    errors.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setContent(`<!doctype html><div class="runbook-body">${html}</div>`);
  expect(await dangerous(page, '.runbook-body')).toBe(0);
  expect(await provoke(page, '.runbook-body')).toBeUndefined();
  await expect(page.locator('.runbook-body a[href="https://wiki.demo.example/disk"]')).toBeVisible();
  expect(errors).toEqual([]);
});
