/**
 * The demo must answer like a real Alertmanager: the same requests go to both (Debian's
 * prometheus-alertmanager and the demo) and fingerprints, statuses and error responses must agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSimulator, startDemoAlertmanager } from '../../../src/demo/index.js';
import type { DemoAlertmanager } from '../../../src/demo/index.js';
import { ALERTMANAGER_BINARY, startAlertmanager } from '../../support/alertmanager.js';
import type { RealAlertmanager } from '../../support/alertmanager.js';
import { requireBinary } from '../../support/binaries.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');

type Answer = Readonly<{ status: number; body: string }>;

async function ask(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, init);
  // Alertmanager lists allowed methods in Go map order ("[POST,GET]" or "[GET,POST]"): compare them sorted.
  const body = (await response.text()).replace(
    /\[([A-Z,]+)\]/g,
    (_, methods: string) => `[${methods.split(',').sort().join(',')}]`,
  );
  return { status: response.status, body };
}

function postJson(body: unknown, contentType = 'application/json'): RequestInit {
  return { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}

const PARITY_ALERTS = [
  {
    labels: { alertname: 'ParityCheck', severity: 'critical', service: 'payment-core', cluster: 'sh-prod-a' },
  },
  {
    labels: { alertname: 'ParityCheck', severity: 'warning', service: 'payment-core', cluster: 'sh-prod-a' },
  },
  { labels: { alertname: 'ParityCheck', severity: 'info', service: '支付核心', cluster: 'sh-prod-a' } },
];

describe.runIf(available)('the demo Alertmanager next to a real one', () => {
  let real: RealAlertmanager;
  let demo: DemoAlertmanager;
  beforeAll(async () => {
    real = await startAlertmanager();
    demo = await startDemoAlertmanager({ simulator: createDemoSimulator({ seed: 1 }) });
  });
  afterAll(async () => {
    await demo?.close();
    await real?.dispose();
  });

  async function both(path: string, init?: RequestInit): Promise<[Answer, Answer]> {
    return [await ask(real.url, path, init), await ask(demo.url, path, init)];
  }

  async function parityAlerts(base: string) {
    const alerts = (await (await fetch(`${base}/api/v2/alerts?filter=alertname%3DParityCheck`)).json()) as {
      fingerprint: string;
      status: { state: string; silencedBy: string[]; inhibitedBy: string[] };
    }[];
    return alerts.map((alert) => ({ fingerprint: alert.fingerprint, state: alert.status.state }));
  }

  it('gives posted alerts the same fingerprints, in the same order', async () => {
    const [realPost, demoPost] = await both('/api/v2/alerts', postJson(PARITY_ALERTS));
    expect(demoPost).toEqual(realPost);
    const realAlerts = await parityAlerts(real.url);
    expect(realAlerts).toHaveLength(3);
    expect((await parityAlerts(demo.url)).map((a) => a.fingerprint)).toEqual(
      realAlerts.map((a) => a.fingerprint),
    );
  });

  it('silences the same alerts', async () => {
    const silence = {
      matchers: [{ name: 'severity', value: 'crit.*', isRegex: true, isEqual: true }],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'parity',
      comment: 'parity',
    };
    const [realSilence, demoSilence] = await both('/api/v2/silences', postJson(silence));
    expect(realSilence.status).toBe(200);
    expect(demoSilence.status).toBe(200);
    const silenced = (alerts: { fingerprint: string; state: string }[]) =>
      alerts.filter((alert) => alert.state === 'suppressed').map((alert) => alert.fingerprint);
    // The real one evaluates silences asynchronously after a post; wait for it to settle.
    await expect.poll(async () => silenced(await parityAlerts(real.url)).length).toBeGreaterThan(0);
    expect(silenced(await parityAlerts(demo.url))).toEqual(
      expect.arrayContaining(silenced(await parityAlerts(real.url))),
    );
  });

  it('rejects the same bad requests with the same status and body', async () => {
    const valid = {
      matchers: [{ name: 'service', value: 'ledger', isRegex: false }],
      startsAt: '2020-01-01T00:00:00Z',
      endsAt: '2099-01-01T00:00:00Z',
      createdBy: 'parity',
      comment: 'parity',
    };
    const cases: [string, RequestInit | undefined][] = [
      ['/api/v2/silences', postJson(valid, 'text/plain')],
      ['/api/v2/silences', postJson({ ...valid, matchers: [] })],
      ['/api/v2/silences', postJson({ ...valid, matchers: undefined })],
      ['/api/v2/silences', postJson({ ...valid, matchers: [{ name: 'a', value: 'b' }] })],
      ['/api/v2/silences', postJson({ ...valid, startsAt: '2099-06-01T00:00:00Z' })],
      ['/api/v2/silences', postJson({ ...valid, endsAt: '2021-01-01T00:00:00Z' })],
      ['/api/v2/silences', postJson({ ...valid, matchers: [{ name: 'a', value: '', isRegex: false }] })],
      ['/api/v2/silences', postJson({ ...valid, id: '00000000-0000-0000-0000-000000000000' })],
      ['/api/v2/alerts', postJson([{ labels: {} }])],
      ['/api/v2/alerts', postJson([{ annotations: {} }])],
      ['/api/v2/alerts', postJson([{ labels: { '0bad': 'x' } }])],
      ['/api/v2/alerts?filter=bad', undefined],
      ['/api/v2/silence/not-a-uuid', undefined],
      ['/api/v2/silence/00000000-0000-0000-0000-000000000000', undefined],
      ['/api/v2/nothing', undefined],
      ['/api/v2/alerts', { method: 'PUT' }],
    ];
    for (const [path, init] of cases) {
      const [realAnswer, demoAnswer] = await both(path, init);
      expect(
        demoAnswer,
        `${init?.method ?? 'GET'} ${path} ${typeof init?.body === 'string' ? init.body : ''}`,
      ).toEqual(realAnswer);
    }
  });
});
