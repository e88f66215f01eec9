/**
 * Issue 9, in Chromium against a real Alertmanager: when the only source goes down, a wall display
 * never shows old data as current. The header's age follows the source, the chip turns amber then
 * red, the critical card keeps its colour under the stale hatch, and once nothing is current the whole
 * screen says so.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import type { RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

const { available } = requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');

test.describe('a wall whose only source goes down', () => {
  test.skip(!available, 'prometheus-alertmanager is not installed');
  let am: RealAlertmanager;
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    am = await startAlertmanager();
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-stale-'));
    // A 1 s interval: amber after 3 missed polls + 10 s, red (and the overlay) after 10 + 30 s.
    writeFileSync(
      join(dir, 'cockpit.yaml'),
      `sources:\n  - id: am-wall\n    kind: alertmanager\n    name: Alertmanager wall\n    url: ${am.url}\n    interval: 1s\n    timeout: 5s\n`,
    );
    serve = await startServe(['--config', join(dir, 'cockpit.yaml'), '--data-dir', join(dir, 'data')]);
  });
  test.afterAll(async () => {
    await serve?.stop();
    await am?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('turns amber, then red with the full-screen notice, and the critical card stays red', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await am.postAlerts([
      {
        labels: {
          alertname: 'PaymentsDbDown',
          severity: 'critical',
          service: 'payments-db',
          instance: 'db-1',
        },
      },
    ]);
    await page.goto(`${serve.url}/?wall=1&lang=en`);
    const card = page.locator('.service-card[data-service="payments-db"]');
    await expect(card).toBeVisible();
    const chip = page.locator('.source-chip');
    await expect(chip).toHaveAttribute('data-freshness', 'fresh');
    // A string expression: this spec is compiled without the DOM's types.
    const colourOf = () =>
      page.evaluate<string>(
        `getComputedStyle(document.querySelector('.service-card[data-service="payments-db"]')).borderLeftColor`,
      );
    const fresh = await colourOf();

    await am.stop();
    await expect(chip).toHaveAttribute('data-freshness', 'amber', { timeout: 20_000 });
    await expect(card).toHaveClass(/is-stale/);
    await expect(card.locator('.as-of')).toContainText('as of');
    // Stale is a hatch and words, never a faded severity colour.
    expect(await colourOf()).toBe(fresh);
    await expect(card).toHaveCSS('opacity', '1');
    const age = page.locator('.data-age');
    await expect(age).toContainText('Alertmanager wall');
    await expect(age).toHaveAttribute('data-freshness', 'amber');
    await expect(page.locator('[data-overlay="stale"]')).toHaveCount(0);

    await expect(chip).toHaveAttribute('data-freshness', 'red', { timeout: 60_000 });
    const overlay = page.locator('[data-overlay="stale"]');
    await expect(overlay).toBeVisible();
    await expect(overlay).toContainText('Alertmanager wall');

    // The source comes back: the overlay goes, the chip is fresh again.
    await am.restart();
    await am.postAlerts([
      {
        labels: {
          alertname: 'PaymentsDbDown',
          severity: 'critical',
          service: 'payments-db',
          instance: 'db-1',
        },
      },
    ]);
    await expect(overlay).toHaveCount(0, { timeout: 30_000 });
    await expect(chip).toHaveAttribute('data-freshness', 'fresh');
    await expect(card).not.toHaveClass(/is-stale/);
  });
});
