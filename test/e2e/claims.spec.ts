import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import type { RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';
import { waitFor } from '../support/processes.js';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

const { available } = requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');

/** A WeCom-style robot endpoint on loopback that records what it was sent. */
async function startRobot(): Promise<{ url: string; received: unknown[]; server: Server }> {
  const received: unknown[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=e2e-secret`, received, server };
}

test.describe('claiming: the siren rings until someone claims, on every screen', () => {
  test.skip(!available, 'prometheus-alertmanager is not installed');
  let am: RealAlertmanager;
  let serve: ServeProcess;
  let robot: Awaited<ReturnType<typeof startRobot>>;
  let dir: string;

  test.beforeAll(async () => {
    am = await startAlertmanager();
    robot = await startRobot();
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-claims-'));
    writeFileSync(
      join(dir, 'cockpit.yaml'),
      [
        'sources:',
        '  - id: am-claims',
        '    kind: alertmanager',
        `    url: ${am.url}`,
        '    interval: 1s',
        '    timeout: 1s',
        'notifications:',
        '  escalation:',
        '    after: 3s',
        '    webhooks:',
        '      - name: ops-wecom',
        '        kind: wecom',
        // The robot URL holds its key: it comes from the environment, never the file.
        '        url: ${CLAIMS_E2E_WEBHOOK}',
        '',
      ].join('\n'),
    );
    serve = await startServe(['--config', join(dir, 'cockpit.yaml'), '--data-dir', join(dir, 'data')], {
      CLAIMS_E2E_WEBHOOK: robot.url,
    });
  });
  test.afterAll(async () => {
    await serve?.stop();
    await am?.dispose();
    robot?.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('claiming on one screen stops the siren on the other within a second; unclaimed escalates', async ({
    browser,
  }) => {
    const first = await browser.newPage();
    const second = await browser.newPage();
    await first.goto(`${serve.url}/`);
    await second.goto(`${serve.url}/?lang=zh-CN`);
    await am.postAlerts([
      {
        labels: { alertname: 'CheckoutDown', severity: 'critical', service: 'checkout', instance: 'co-1:80' },
        annotations: { summary: 'checkout answers 503' },
      },
    ]);
    const sirenOne = first.locator('[data-siren="ringing"]');
    const sirenTwo = second.locator('[data-siren="ringing"]');
    await expect(sirenOne).toContainText('1 critical alert is not claimed');
    await expect(sirenTwo).toContainText('1 条致命告警无人认领');

    // Unclaimed past the (shortened) timeout: escalated, and sent to the WeCom robot in its format.
    await waitFor(
      async () => (robot.received.length > 0 ? true : undefined),
      'the escalation webhook',
      20_000,
    );
    expect(robot.received[0]).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('checkout') },
    });
    await expect(sirenOne).toHaveClass(/is-escalated/);

    // The first screen claims: its name is asked once, then the claim goes out. That first click also
    // unlocks sound: the page fetches its alarm from assets/sounds, served as audio.
    await expect(sirenOne).toContainText('Click anywhere to let this page ring');
    const alarmFile = first.waitForResponse((response) => /\/alarm[^/]*\.wav$/.test(response.url()));
    await sirenOne.getByRole('button', { name: 'Claim' }).click();
    const alarm = await alarmFile;
    expect(alarm.status()).toBe(200);
    expect(alarm.headers()['content-type']).toBe('audio/wav');
    expect((await alarm.body()).subarray(0, 4).toString('latin1')).toBe('RIFF');
    await sirenOne.getByLabel('Your name (asked once on this screen)').fill('alice');
    await sirenOne.getByRole('button', { name: 'Continue' }).click();
    await expect(sirenOne).toHaveCount(0);
    await expect(sirenTwo).toHaveCount(0, { timeout: 1000 });

    // Both screens show who owns it.
    await second.goto(`${serve.url}/?view=alerts&lang=en`);
    const line = second.locator('.alert-row .ack-line[data-claimed-by="alice"]');
    await expect(line).toContainText(/alice · \d+s/);
    await expect(line).toHaveAttribute('title', /claimed by alice \d+s ago/);
    // The team sees the claim in Alertmanager.
    const silences = await am.getSilences();
    expect(silences.find((silence) => silence.comment === 'acknowledged by alice')).toMatchObject({
      createdBy: 'alice',
      status: { state: 'active' },
    });
    await first.close();
    await second.close();
  });
});
