import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { alertFingerprint } from '../../../src/demo/estate/fingerprint.js';
import { createDemoSimulator, startDemoAlertmanager } from '../../../src/demo/index.js';
import type { DemoAlertmanager, DemoAlertmanagerOptions } from '../../../src/demo/index.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const ISO = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const Labels = z.record(z.string(), z.string());

/** The Alertmanager v2 `gettableAlert`, strictly: an extra or missing field fails. */
const GettableAlert = z.strictObject({
  annotations: Labels,
  endsAt: ISO,
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  receivers: z.array(z.strictObject({ name: z.string().min(1) })).min(1),
  startsAt: ISO,
  status: z.strictObject({
    inhibitedBy: z.array(z.string()),
    mutedBy: z.array(z.string()),
    silencedBy: z.array(z.string()),
    state: z.enum(['active', 'suppressed', 'unprocessed']),
  }),
  updatedAt: ISO,
  generatorURL: z.string().url().optional(),
  labels: Labels,
});
type GettableAlert = z.infer<typeof GettableAlert>;

const servers: DemoAlertmanager[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(overrides: Partial<DemoAlertmanagerOptions> = {}) {
  const clock = { ms: T0, now: () => clock.ms };
  const server = await startDemoAlertmanager({
    simulator: createDemoSimulator({ seed: 42 }),
    clock,
    ...overrides,
  });
  servers.push(server);
  return { server, clock };
}

async function getAlerts(server: DemoAlertmanager, query = ''): Promise<GettableAlert[]> {
  const response = await fetch(`${server.url}/api/v2/alerts${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return z.array(GettableAlert).parse(await response.json());
}

function post(server: DemoAlertmanager, path: string, body: unknown, contentType = 'application/json') {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });
}

const hourFromNow = (clockMs: number) => new Date(clockMs + 3_600_000).toISOString();

describe('the demo Alertmanager over HTTP', () => {
  it('serves the simulated alerts in Alertmanager v2 shape, sorted by fingerprint', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const alerts = await getAlerts(server);
    expect(alerts.length).toBeGreaterThan(5);
    const fingerprints = alerts.map((alert) => alert.fingerprint);
    expect(fingerprints).toEqual([...fingerprints].sort());
    for (const alert of alerts) {
      expect(alert.fingerprint).toBe(alertFingerprint(alert.labels));
      expect(alert.annotations.runbook_url).toMatch(/^https:\/\/runbooks\.demo\.example\//);
    }
    const groups = (await (await fetch(`${server.url}/api/v2/alerts/groups`)).json()) as {
      labels: Record<string, string>;
      receiver: { name: string };
      alerts: unknown[];
    }[];
    expect(groups.reduce((sum, group) => sum + group.alerts.length, 0)).toBeGreaterThanOrEqual(alerts.length);
    expect(groups[0]?.labels).toHaveProperty('alertname');
  });

  it('moves with its clock: alerts resolve and new ones fire', async () => {
    const { server, clock } = await start();
    const before = new Set((await getAlerts(server)).map((alert) => alert.fingerprint));
    clock.ms += 2 * 3_600_000;
    const after = (await getAlerts(server)).map((alert) => alert.fingerprint);
    expect(after.some((fingerprint) => !before.has(fingerprint))).toBe(true);
    expect([...before].some((fingerprint) => !after.includes(fingerprint))).toBe(true);
  });

  it('filters by label matchers and refuses a malformed one', async () => {
    const { server } = await start();
    const [first] = await getAlerts(server);
    const name = first!.labels.alertname!;
    const filtered = await getAlerts(server, `?filter=${encodeURIComponent(`alertname="${name}"`)}`);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((alert) => alert.labels.alertname === name)).toBe(true);
    const bad = await fetch(`${server.url}/api/v2/alerts?filter=bad`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('"bad matcher format: bad"\n');
  });

  it('suppresses alerts under a silence and shows them again when it is expired', async () => {
    const { server, clock } = await start();
    const [target] = await getAlerts(server);
    const labels = target!.labels;
    const created = await post(server, '/api/v2/silences', {
      matchers: ['alertname', 'cluster', 'instance'].map((name) => ({
        name,
        value: labels[name],
        isRegex: false,
        isEqual: true,
      })),
      startsAt: new Date(clock.ms).toISOString(),
      endsAt: hourFromNow(clock.ms),
      createdBy: 'oncall@demo',
      comment: '正在处理 / working on it',
    });
    expect(created.status).toBe(200);
    const { silenceID } = z.strictObject({ silenceID: z.string().uuid() }).parse(await created.json());

    const silenced = (await getAlerts(server)).find((alert) => alert.fingerprint === target!.fingerprint);
    expect(silenced?.status).toMatchObject({ state: 'suppressed', silencedBy: [silenceID] });
    const hidden = await getAlerts(server, '?silenced=false');
    expect(hidden.some((alert) => alert.fingerprint === target!.fingerprint)).toBe(false);
    const single = await (await fetch(`${server.url}/api/v2/silence/${silenceID}`)).json();
    expect(single).toMatchObject({ id: silenceID, status: { state: 'active' }, createdBy: 'oncall@demo' });

    expect((await fetch(`${server.url}/api/v2/silence/${silenceID}`, { method: 'DELETE' })).status).toBe(200);
    const again = (await getAlerts(server)).find((alert) => alert.fingerprint === target!.fingerprint);
    expect(again?.status).toMatchObject({ state: 'active', silencedBy: [] });
    const listed = (await (await fetch(`${server.url}/api/v2/silences`)).json()) as {
      id: string;
      status: unknown;
    }[];
    expect(listed).toEqual([expect.objectContaining({ id: silenceID, status: { state: 'expired' } })]);
  });

  it('refuses bad silences with Alertmanager status codes and messages', async () => {
    const { server, clock } = await start();
    const valid = {
      matchers: [{ name: 'service', value: 'ledger', isRegex: false, isEqual: true }],
      startsAt: new Date(clock.ms).toISOString(),
      endsAt: hourFromNow(clock.ms),
      createdBy: 'me',
      comment: 'test',
    };
    const wrongType = await post(server, '/api/v2/silences', valid, 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({
      code: 415,
      message: 'unsupported media type "text/plain", only [application/json] are allowed',
    });
    // A real Alertmanager rejects an empty matcher list in its schema check: 422, not 400.
    const empty = await post(server, '/api/v2/silences', { ...valid, matchers: [] });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({
      code: 612,
      message: 'matchers in body should have at least 1 items',
    });
    const backwards = await post(server, '/api/v2/silences', {
      ...valid,
      endsAt: new Date(clock.ms - 1000).toISOString(),
    });
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toBe('Failed to create silence: start time must be before end time');
    const broken = await fetch(`${server.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect((await fetch(`${server.url}/api/v2/silence/not-a-uuid`)).status).toBe(422);
    expect((await fetch(`${server.url}/api/v2/silence/c7a7a7f7-ba8c-459a-859d-2e79808a69ff`)).status).toBe(
      404,
    );
  });

  it('accepts posted alerts, shows them, inhibits warnings under a critical and resolves them', async () => {
    const { server, clock } = await start();
    const labels = {
      alertname: 'DemoInjected',
      service: 'payment-core',
      cluster: 'sh-prod-a',
      team: 'payments-core',
    };
    const posted = await post(server, '/api/v2/alerts', [
      { labels: { ...labels, severity: 'critical' }, annotations: { summary: '支付失败率升高' } },
      { labels: { ...labels, severity: 'warning' }, generatorURL: 'http://prometheus.example/graph' },
    ]);
    expect(posted.status).toBe(200);
    const injected = await getAlerts(server, '?filter=alertname%3D%22DemoInjected%22');
    const critical = injected.find((alert) => alert.labels.severity === 'critical');
    const warning = injected.find((alert) => alert.labels.severity === 'warning');
    expect(critical).toMatchObject({
      status: { state: 'active' },
      receivers: [{ name: 'payments-core-phone' }, { name: 'goc-war-room' }],
      annotations: { summary: '支付失败率升高' },
      startsAt: new Date(clock.ms).toISOString(),
      endsAt: new Date(clock.ms + 5 * 60_000).toISOString(),
    });
    expect(warning?.status).toMatchObject({ state: 'suppressed', inhibitedBy: [critical!.fingerprint] });
    expect(await getAlerts(server, '?inhibited=false&filter=alertname%3D%22DemoInjected%22')).toHaveLength(1);

    const fingerprint = server.injectAlert({
      labels: { ...labels, severity: 'critical' },
      endsAt: new Date(clock.ms).toISOString(),
    });
    expect(fingerprint).toBe(critical!.fingerprint);
    clock.ms += 1000;
    const remaining = await getAlerts(server, '?filter=alertname%3D%22DemoInjected%22');
    expect(remaining.map((alert) => alert.labels.severity)).toEqual(['warning']);
    expect(remaining[0]?.status.state).toBe('active');

    const invalid = await post(server, '/api/v2/alerts', [{ labels: {} }]);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toBe('at least one label pair required');
  });

  it('answers status, health and retired v1 routes like Alertmanager', async () => {
    const { server } = await start();
    const status = (await (await fetch(`${server.url}/api/v2/status`)).json()) as {
      cluster: { status: string };
      versionInfo: { version: string };
      config: { original: string };
    };
    expect(status.cluster.status).toBe('disabled');
    expect(status.versionInfo.version).toBe('demo');
    expect(status.config.original).toContain('inhibit_rules:');
    expect(await (await fetch(`${server.url}/-/healthy`)).text()).toBe('OK');
    expect((await fetch(`${server.url}/-/ready`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/alerts`)).status).toBe(410);
    expect((await fetch(`${server.url}/api/v2/nothing`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v2/alerts`, { method: 'PUT' })).status).toBe(405);
  });

  it('streams 100 000 alerts in one response', async () => {
    const { server } = await start({ simulator: createDemoSimulator({ seed: 1, scale: 100_000 }) });
    const response = await fetch(`${server.url}/api/v2/alerts`);
    const alerts = (await response.json()) as { fingerprint: string }[];
    expect(alerts).toHaveLength(100_000);
    expect(GettableAlert.parse(alerts[0])).toBeTruthy();
    expect(GettableAlert.parse(alerts[99_999])).toBeTruthy();
  });
});

describe('the demo Alertmanager across a restart', () => {
  it('keeps its silences in the data folder, as a real Alertmanager keeps them in its storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-demo-silences-'));
    try {
      const silencesFile = join(dir, 'demo-silences-demo.json');
      const first = await start({ silencesFile });
      const [target] = await getAlerts(first.server);
      if (!target) throw new Error('the demo estate has no alerts at T0');
      const posted = await fetch(`${first.server.url}/api/v2/silences`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          matchers: Object.entries(target.labels).map(([name, value]) => ({ name, value, isRegex: false })),
          startsAt: new Date(T0).toISOString(),
          endsAt: new Date(T0 + 3_600_000).toISOString(),
          createdBy: 'alice',
          comment: 'across the restart',
        }),
      });
      const { silenceID } = (await posted.json()) as { silenceID: string };
      await first.server.close();
      servers.splice(servers.indexOf(first.server), 1);

      const second = await start({ silencesFile });
      const again = (await getAlerts(second.server)).find(
        (alert) => alert.fingerprint === target.fingerprint,
      );
      expect(again?.status.silencedBy).toEqual([silenceID]);
      const silence = (await (await fetch(`${second.server.url}/api/v2/silence/${silenceID}`)).json()) as {
        createdBy: string;
        comment: string;
      };
      expect(silence).toMatchObject({ createdBy: 'alice', comment: 'across the restart' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('moves an unreadable silences file aside instead of overwriting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-demo-silences-'));
    try {
      const silencesFile = join(dir, 'demo-silences-demo.json');
      writeFileSync(silencesFile, '{ not json');
      const { server } = await start({ silencesFile });
      expect((await (await fetch(`${server.url}/api/v2/silences`)).json()) as unknown[]).toEqual([]);
      expect(readdirSync(dir).some((name) => name.startsWith('demo-silences-demo.json.corrupt-'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
