import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/index.js';
import type { NotifyEvent } from '../../src/notifications/notifier.js';
import { ALERTMANAGER_BINARY, startAlertmanager } from '../support/alertmanager.js';
import type { RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';
import { waitFor } from '../support/processes.js';
import { nextEvent, startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

describe.runIf(available)('serve (the headless host) against a real Alertmanager', () => {
  let am: RealAlertmanager;
  let serve: ServeProcess;
  let dir: string;

  beforeAll(async () => {
    am = await startAlertmanager();
    await am.postAlerts([
      {
        labels: {
          alertname: 'CheckoutDown',
          severity: 'critical',
          service: 'checkout',
          instance: 'co-1:8080',
        },
        annotations: { summary: 'Checkout is down', runbook_url: 'https://runbooks.example/checkout' },
      },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'cockpit-serve-'));
    writeFileSync(
      join(dir, 'cockpit.yaml'),
      `sources:\n  - id: am-main\n    kind: alertmanager\n    url: ${am.url}\n    interval: 1s\n`,
    );
    // The bundle `npm run serve` builds and runs (the e2e tests run serve from source through tsx).
    serve = await startServe(
      ['--config', join(dir, 'cockpit.yaml'), '--data-dir', join(dir, 'data')],
      {},
      { built: true },
    );
  });
  afterAll(async () => {
    await serve?.stop();
    await am?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers health, sources and alerts as in the route table', async () => {
    expect((await getJson(`${serve.url}/api/health`)).body).toMatchObject({ ok: true, version: '0.1.0' });
    const alerts = await waitFor(async () => {
      const { body } = await getJson<{ total: number; items: Alert[] }>(`${serve.url}/api/alerts`);
      return body.total > 0 ? body : undefined;
    }, 'the first poll to land');
    expect(alerts.items[0]).toMatchObject({
      name: 'CheckoutDown',
      severity: 'critical',
      service: 'checkout',
    });
    const { body: sources } = await getJson<{ sources: { id: string; kind: string; state: string }[] }>(
      `${serve.url}/api/sources`,
    );
    expect(sources.sources).toEqual([
      expect.objectContaining({ id: 'am-main', kind: 'alertmanager', state: 'ok' }),
    ]);
    const filtered = await getJson<{ total: number }>(
      `${serve.url}/api/alerts?severity=warning&severity=info`,
    );
    expect(filtered.body.total).toBe(0);
    const detail = await getJson<{ history: unknown[] }>(
      `${serve.url}/api/alerts/${encodeURIComponent(alerts.items[0]!.id)}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.history.length).toBeGreaterThan(0);
    expect((await getJson(`${serve.url}/api/alerts/nope`)).status).toBe(404);
    const { body: board } = await getJson<{
      total: number;
      groups: { service: string; firing: number; rules: { name: string }[] }[];
    }>(`${serve.url}/api/board`);
    expect(board.total).toBe(1);
    expect(board.groups).toEqual([
      expect.objectContaining({
        service: 'checkout',
        firing: 1,
        rules: [expect.objectContaining({ name: 'CheckoutDown' })],
      }),
    ]);
    expect((await getJson(`${serve.url}/api/alerts?limit=abc`)).status).toBe(400);
  });

  it('silences through POST /api/alerts/:id/silence and the silence exists in Alertmanager', async () => {
    const { body } = await getJson<{ items: Alert[] }>(`${serve.url}/api/alerts?q=CheckoutDown`);
    const id = body.items[0]!.id;
    const response = await fetch(`${serve.url}/api/alerts/${encodeURIComponent(id)}/silence`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: serve.url },
      body: JSON.stringify({ durationMinutes: 30, comment: 'rolling back', createdBy: 'bob' }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { ok: boolean; value: { id: string } };
    expect(result.ok).toBe(true);
    const silences = await am.getSilences();
    expect(silences.find((silence) => silence.id === result.value.id)).toMatchObject({
      createdBy: 'bob',
      comment: 'rolling back',
    });
    const confirmed = await waitFor(async () => {
      const alert = (await getJson<Alert>(`${serve.url}/api/alerts/${encodeURIComponent(id)}`)).body;
      return alert.state === 'silenced' ? alert : undefined;
    }, 'the next poll to confirm the silence');
    expect(confirmed.silencedBy).toEqual([result.value.id]);
  });

  it('rejects a silence that is not JSON or lacks a comment, with a sentence', async () => {
    const { body } = await getJson<{ items: Alert[] }>(`${serve.url}/api/alerts`);
    const url = `${serve.url}/api/alerts/${encodeURIComponent(body.items[0]!.id)}/silence`;
    const form = await fetch(url, {
      method: 'POST',
      headers: { origin: serve.url },
      body: 'durationMinutes=5',
    });
    expect(form.status).toBe(400);
    expect(await form.json()).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'send the request body as application/json' },
    });
    const noComment = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: serve.url },
      body: JSON.stringify({ durationMinutes: 5 }),
    });
    expect(noComment.status).toBe(400);
    expect(((await noComment.json()) as { error: { message: string } }).error.message).toMatch(/^comment: /);
  });

  it('pushes a change event over SSE when a new alert arrives', async () => {
    const event = nextEvent(`${serve.url}/api/events`, 'change', (data) =>
      (data as { topics: string[] }).topics.includes('alerts'),
    );
    await am.postAlerts([{ labels: { alertname: 'FreshAlert', severity: 'high', service: 'search' } }]);
    const data = (await event) as { topics: string[]; version: number };
    expect(data.topics).toEqual(expect.arrayContaining(['alerts', 'sources', 'overview']));
    expect(data.version).toBeGreaterThan(0);
    const fresh = await waitFor(async () => {
      const { body } = await getJson<{ items: Alert[] }>(`${serve.url}/api/alerts?q=FreshAlert`);
      return body.items[0];
    }, 'the new alert to appear');
    expect(fresh.severity).toBe('high');
  });

  it('pushes a notify event over SSE when a new critical alert fires, in both languages', async () => {
    const event = nextEvent(`${serve.url}/api/events`, 'notify', (data) =>
      (data as NotifyEvent).intents.some(
        (intent) => intent.kind === 'alert' && intent.localized.en.title.endsWith('ledger'),
      ),
    );
    await am.postAlerts([
      {
        labels: { alertname: 'LedgerDown', severity: 'critical', service: 'ledger' },
        annotations: { summary: 'Ledger answers 503' },
      },
    ]);
    const data = (await event) as NotifyEvent;
    const intent = data.intents.find(
      (one) => one.kind === 'alert' && one.localized.en.title.endsWith('ledger'),
    );
    expect(intent).toMatchObject({
      severity: 'critical',
      localized: {
        en: { title: 'Critical · ledger', body: 'Ledger answers 503' },
        'zh-CN': { title: '致命 · ledger', body: 'Ledger answers 503' },
      },
    });
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { port } = new URL(serve.url);
    const response = await new Promise<number>((resolve, reject) => {
      import('node:http')
        .then(({ request }) => {
          const req = request(
            { host: '127.0.0.1', port, path: '/api/alerts', headers: { host: `evil.example:${port}` } },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end();
        })
        .catch(reject);
    });
    expect(response).toBe(403);
  });
});
