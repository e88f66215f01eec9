/**
 * Issue 15 in a real browser against `serve` over a real Alertmanager: a DNS-rebinding page (a
 * `127.`-prefixed name Chromium resolves to loopback) can neither read nor silence, a cross-origin
 * page's CSRF attempts all fail, and a wall display with a viewer token over https works, keeps no
 * token in its address bar, and cannot silence.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import type { RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';
import { createTestCertificates } from '../support/certificates.js';
import type { TestCertificates } from '../support/certificates.js';
import { waitFor } from '../support/processes.js';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

const { available } = requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');
const VIEWER = 'wall-display-token-0123456789';
const OPERATOR = 'operator-token-0123456789abc';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Attempt = Readonly<{ name: string; status: number | string }>;

/** What the attacker's page runs (in the browser, hence a script): every way to POST across origins. */
const CSRF_ATTEMPTS = `(async () => {
  const target = window.__target;
  const body = JSON.stringify({ durationMinutes: 60, comment: 'csrf' });
  const results = [];
  const attempt = async (name, run) => {
    try {
      const response = await run();
      results.push({ name, status: response.type === 'opaque' ? 'opaque' : response.status });
    } catch (error) {
      results.push({ name, status: 'blocked: ' + String(error) });
    }
  };
  await attempt('fetch json (needs a preflight)', () =>
    fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
  await attempt('no-cors text/plain', () =>
    fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }));
  await attempt('no-cors form-encoded', () =>
    fetch(target, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ durationMinutes: '60', comment: 'csrf' }) }));
  navigator.sendBeacon(target, new Blob([body], { type: 'text/plain' }));
  await attempt('read alerts', () => fetch(window.__base + '/api/alerts'));
  const frame = document.createElement('iframe');
  frame.name = 'sink';
  document.body.append(frame);
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = target;
  form.target = 'sink';
  form.enctype = 'text/plain';
  const field = document.createElement('input');
  field.name = body.slice(0, -1) + ',"x":"';
  field.value = '"}';
  form.append(field);
  document.body.append(form);
  await new Promise((resolve) => { frame.onload = resolve; form.submit(); });
  results.push({ name: 'form post', status: 'sent' });
  window.__results = results;
  window.__done = true;
})();`;

test.describe('a browser cannot be turned against serve', () => {
  test.skip(!available, 'prometheus-alertmanager is not installed');
  let am: RealAlertmanager;
  let open: ServeProcess;
  let display: ServeProcess;
  let certificates: TestCertificates;
  let dir: string;
  let alertId: string;
  let attacker: Server;
  let browser: Browser;

  test.beforeAll(async () => {
    am = await startAlertmanager();
    await am.postAlerts([
      {
        labels: { alertname: 'CheckoutDown', severity: 'critical', service: 'checkout' },
        annotations: { summary: 'Checkout is down' },
      },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-security-'));
    certificates = await createTestCertificates();
    writeFileSync(join(dir, 'cert.pem'), certificates.server.cert);
    writeFileSync(join(dir, 'key.pem'), certificates.server.key);
    const source = `sources:\n  - id: am-main\n    kind: alertmanager\n    url: ${am.url}\n    interval: 1s\n`;
    writeFileSync(join(dir, 'open.yaml'), source);
    writeFileSync(
      join(dir, 'display.yaml'),
      `${source}server:\n  tls: { cert: cert.pem, key: key.pem }\n  tokens:\n    - { token: ${VIEWER}, role: viewer, name: wall }\n    - { token: ${OPERATOR}, role: operator, name: alice }\n`,
    );
    open = await startServe(['--config', join(dir, 'open.yaml'), '--data-dir', join(dir, 'open-data')]);
    display = await startServe([
      '--config',
      join(dir, 'display.yaml'),
      '--data-dir',
      join(dir, 'display-data'),
    ]);
    alertId = await waitFor(async () => {
      const body = (await (await fetch(`${open.url}/api/alerts`)).json()) as { items: { id: string }[] };
      return body.items[0]?.id;
    }, 'the first poll');
    // The attacker's page: another origin on this machine.
    attacker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>cute cats</title>');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const { port } = new URL(open.url);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP 127.evil.test 127.0.0.1, MAP cats.test 127.0.0.1`],
    });
    expect(port).not.toBe('');
  });
  test.afterAll(async () => {
    await browser?.close();
    attacker?.close();
    await open?.stop();
    await display?.stop();
    await am?.dispose();
    await certificates?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a rebinding page under a 127.-prefixed name can neither read nor silence', async () => {
    const page = await browser.newPage();
    const { port } = new URL(open.url);
    const response = await page.goto(`http://127.evil.test:${port}/`);
    expect(response?.status()).toBe(403);
    const attempts = await page.evaluate(async (id) => {
      const read = await fetch('/api/alerts');
      const silence = await fetch(`/api/alerts/${encodeURIComponent(id)}/silence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ durationMinutes: 60, comment: 'rebinding' }),
      });
      return { read: read.status, body: await read.text(), silence: silence.status };
    }, alertId);
    expect(attempts.read).toBe(403);
    expect(attempts.body).not.toContain('CheckoutDown');
    expect(attempts.silence).toBe(403);
    expect(await am.getSilences()).toEqual([]);
    await page.close();
  });

  test('a cross-origin page’s CSRF attempts all fail', async () => {
    const page = await browser.newPage();
    await page.goto(`http://cats.test:${(attacker.address() as AddressInfo).port}/`);
    const target = `${open.url}/api/alerts/${encodeURIComponent(alertId)}/silence`;
    await page.evaluate(
      `window.__target = ${JSON.stringify(target)}; window.__base = ${JSON.stringify(open.url)};`,
    );
    await page.addScriptTag({ content: CSRF_ATTEMPTS });
    await page.waitForFunction('window.__done === true');
    const attempts = (await page.evaluate('window.__results')) as Attempt[];
    const status = Object.fromEntries(attempts.map((item) => [item.name, item.status]));
    // The browser blocks what needs CORS (we answer no preflight); the host refuses the rest unseen.
    expect(status['fetch json (needs a preflight)']).toMatch(/^blocked/);
    expect(status['read alerts']).toMatch(/^blocked/);
    expect(status['no-cors text/plain']).toBe('opaque');
    expect(status['form post']).toBe('sent');
    // Whatever the page sent, nothing was silenced.
    expect(await am.getSilences()).toEqual([]);
    await page.close();
  });

  test('a wall display with a viewer token over https works, forgets the token, and cannot silence', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${display.url}/?token=${VIEWER}&view=war-room`);
    await expect(page.locator('.service-card[data-service="checkout"]')).toBeVisible();
    await expect.poll(() => page.url()).not.toContain('token');
    expect(page.url()).toContain('view=war-room');
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'cockpit_session')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    });
    expect(await page.evaluate('document.cookie')).toBe('');
    const silence = await page.evaluate(async (id) => {
      const response = await fetch(`/api/alerts/${encodeURIComponent(id)}/silence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ durationMinutes: 60, comment: 'from the wall' }),
      });
      return response.status;
    }, alertId);
    expect(silence).toBe(403);
    // A reload keeps working on the cookie alone.
    await page.reload();
    await expect(page.locator('.service-card[data-service="checkout"]')).toBeVisible();
    expect(await am.getSilences()).toEqual([]);
    await context.close();
  });
});
