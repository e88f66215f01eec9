import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';
import { startServe } from '../support/serve.js';
import { waitFor } from '../support/processes.js';

const { available } = requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');

test('after a restart with every backend unreachable, the war room shows the cached alerts as stale', async ({
  page,
}) => {
  test.skip(!available, 'prometheus-alertmanager is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-offline-'));
  const am = await startAlertmanager();
  try {
    writeFileSync(
      join(dir, 'cockpit.yaml'),
      `sources:\n  - id: am-offline\n    kind: alertmanager\n    name: Alertmanager offline\n    url: ${am.url}\n    interval: 1s\n    timeout: 1s\n`,
    );
    const args = ['--config', join(dir, 'cockpit.yaml'), '--data-dir', join(dir, 'data')];
    await am.postAlerts([{ labels: { alertname: 'LedgerSlow', severity: 'critical', service: 'ledger' } }]);
    const first = await startServe(args);
    await waitFor(async () => {
      const body = (await (await fetch(`${first.url}/api/alerts`)).json()) as { total: number };
      return body.total > 0 ? true : undefined;
    }, 'the first run to cache the alert');
    await first.stop();
    await am.dispose();

    const second = await startServe(args);
    try {
      await page.goto(`${second.url}/`);
      const card = page.locator('.service-card[data-service="ledger"]');
      await expect(card).toBeVisible();
      await expect(card).toHaveClass(/is-stale/);
      await expect(card.locator('.as-of')).toBeVisible();
      await expect(page.locator('.source-health')).toContainText('Stale');
    } finally {
      await second.stop();
    }
  } finally {
    await am.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
