import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import type { RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';
import { waitFor } from '../support/processes.js';

const { available } = requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');

test.describe('the war room against a real Alertmanager', () => {
  test.skip(!available, 'prometheus-alertmanager is not installed');
  let am: RealAlertmanager;
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    am = await startAlertmanager();
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-'));
    writeFileSync(
      join(dir, 'cockpit.yaml'),
      `sources:\n  - id: am-e2e\n    kind: alertmanager\n    name: Alertmanager e2e\n    url: ${am.url}\n    interval: 1s\n    timeout: 5s\n`,
    );
    serve = await startServe(['--config', join(dir, 'cockpit.yaml'), '--data-dir', join(dir, 'data')]);
  });
  // A failure shows what the host logged (poll failures and their backoff) beside the screenshot.
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the fixture object even when none is used.
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus && serve) {
      await testInfo.attach('serve output', { body: serve.child.output(), contentType: 'text/plain' });
    }
  });
  test.afterAll(async () => {
    await serve?.stop();
    await am?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an alert posted to Alertmanager appears, and a silence made in the UI exists in Alertmanager', async ({
    page,
  }) => {
    await page.goto(`${serve.url}/`);
    await am.postAlerts([
      {
        labels: {
          alertname: 'PaymentsLatencyHigh',
          severity: 'critical',
          service: 'payments-gateway',
          instance: 'pg-1:8080',
        },
        annotations: {
          summary: 'p99 latency above 2 s',
          runbook_url: 'https://runbooks.example/payments/latency',
        },
      },
    ]);
    const card = page.locator('.service-card[data-service="payments-gateway"]');
    await expect(card).toBeVisible();
    await expect(card.locator('.rule-row[data-rule="PaymentsLatencyHigh"]')).toBeVisible();

    const id = await waitFor(async () => {
      const body = (await (await fetch(`${serve.url}/api/alerts?q=PaymentsLatencyHigh`)).json()) as {
        items: { id: string }[];
      };
      return body.items[0]?.id;
    }, 'the alert in the api');
    await page.goto(`${serve.url}/?view=alerts&alert=${encodeURIComponent(id)}`);
    const detail = page.locator('aside.alert-detail');
    await expect(detail).toContainText('p99 latency above 2 s');
    await expect(detail.locator('a[href="https://runbooks.example/payments/latency"]').first()).toBeVisible();
    await detail.getByLabel('Comment (required)').fill('failing over to the standby gateway');
    await detail.getByLabel('Your name').fill('e2e-operator');
    await detail.getByRole('button', { name: 'Silence', exact: true }).click();
    // The confirmation says until when and by whom, and the form has closed.
    await expect(detail).toContainText(
      /Silenced until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC by e2e-operator\./,
    );
    await expect(detail.getByLabel('Comment (required)')).toHaveCount(0);

    const silences = await am.getSilences();
    const created = silences.find((silence) => silence.comment === 'failing over to the standby gateway');
    expect(created).toMatchObject({ createdBy: 'e2e-operator', status: { state: 'active' } });
    expect(created?.matchers.map((matcher) => `${matcher.name}=${matcher.value}`).sort()).toEqual([
      'alertname=PaymentsLatencyHigh',
      'instance=pg-1:8080',
    ]);
    await expect(detail.getByRole('link', { name: 'Open in Alertmanager' }).first()).toHaveAttribute(
      'href',
      `${am.url}/#/silences/${created?.id ?? ''}`,
    );

    // Once a poll confirms it, the silence is listed with its buttons; Unsilence ends it in Alertmanager.
    await detail.getByRole('button', { name: 'Unsilence' }).click();
    await expect(detail).toContainText('Unsilenced');
    await waitFor(async () => {
      const after = (await am.getSilences()).find((silence) => silence.id === created?.id);
      return after?.status.state === 'expired' ? true : undefined;
    }, 'the silence expired in Alertmanager');
  });

  test('when the Alertmanager goes down the war room shows stale data, not an empty screen', async ({
    page,
  }) => {
    await am.postAlerts([{ labels: { alertname: 'OrdersBacklog', severity: 'high', service: 'orders' } }]);
    await page.goto(`${serve.url}/`);
    const card = page.locator('.service-card[data-service="orders"]');
    await expect(card).toBeVisible();
    await am.stop();
    try {
      await expect(card).toHaveClass(/is-stale/);
      await expect(card.locator('.as-of')).toContainText('as of');
      await expect(page.locator('.source-health')).toContainText('Stale');
    } finally {
      await am.restart();
    }
    // Alertmanager keeps alerts in memory only: after its restart the rule would re-send it.
    await am.postAlerts([{ labels: { alertname: 'OrdersBacklog', severity: 'high', service: 'orders' } }]);
    await expect(card).not.toHaveClass(/is-stale/, { timeout: 20_000 });
    await expect(page.locator('.source-health')).not.toContainText('Stale');
  });
});
