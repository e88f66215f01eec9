import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { alertmanagerConnector } from '../../src/connectors/alertmanager/index.js';
import { systemClock } from '../../src/connectors/types.js';
import type { AlertRecord } from '../../src/domain/index.js';
import { createHttpClient } from '../../src/http/client.js';
import { silentLogger } from '../../src/logger.js';

type Gettable = Record<string, unknown> & { labels: Record<string, string>; fingerprint: string };

function gettable(index: number, overrides: Partial<Gettable> = {}): Gettable {
  return {
    annotations: { summary: `alert ${index} 告警`, runbook_url: `https://runbooks.example/${index}` },
    endsAt: '2026-11-21T10:10:00.000Z',
    fingerprint: index.toString(16).padStart(16, '0'),
    receivers: [{ name: 'pager' }],
    startsAt: '2026-11-21T10:00:00.000Z',
    status: { inhibitedBy: [], silencedBy: [], state: 'active' },
    updatedAt: '2026-11-21T10:05:00.000Z',
    labels: { alertname: `Rule${index}`, severity: 'warning', service: 'svc', instance: `i-${index}` },
    ...overrides,
  };
}

let body = '[]';
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(body);
});
let source: ReturnType<typeof parseConfig>['sources'][number];

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  source = parseConfig(
    `sources:\n  - id: am\n    kind: alertmanager\n    url: http://127.0.0.1:${port}\n`,
    'c.yaml',
    {},
  ).sources[0]!;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function poll(): Promise<Map<string, AlertRecord>> {
  const snapshot = await alertmanagerConnector.poll({
    source,
    http: createHttpClient(),
    clock: systemClock,
    logger: silentLogger,
    signal: new AbortController().signal,
  });
  return new Map(snapshot.alerts.map((alert) => [alert.fingerprint, alert]));
}

describe('the Alertmanager connector parses only what changed', () => {
  it('reuses unchanged alerts (even with new updatedAt/endsAt), and re-reads changed, new and gone ones', async () => {
    body = JSON.stringify([gettable(1), gettable(2), gettable(3)]);
    const first = await poll();
    expect([...first.keys()].sort()).toEqual(['0000000000000001', '0000000000000002', '0000000000000003']);

    body = JSON.stringify([
      gettable(1, { updatedAt: '2026-11-21T10:06:00.000Z', endsAt: '2026-11-21T10:11:00.000Z' }),
      gettable(2, { labels: { alertname: 'Rule2', severity: 'critical', service: 'svc', instance: 'i-2' } }),
      gettable(4),
    ]);
    const second = await poll();
    expect(second.get('0000000000000001')).toBe(first.get('0000000000000001'));
    expect(second.get('0000000000000002')).not.toBe(first.get('0000000000000002'));
    expect(second.get('0000000000000002')?.severity).toBe('critical');
    expect(second.get('0000000000000004')?.summary).toBe('alert 4 告警');
    expect(second.has('0000000000000003')).toBe(false);

    // A silence changes the status: the alert is read again and shows as silenced.
    body = JSON.stringify([
      gettable(1, { status: { inhibitedBy: [], silencedBy: ['s-1'], state: 'suppressed' } }),
    ]);
    const third = await poll();
    expect(third.get('0000000000000001')).toMatchObject({ state: 'silenced', silencedBy: ['s-1'] });
  });

  it('still explains a body that is not a list of alerts, and recovers afterwards', async () => {
    body = '{"data": []}';
    await expect(poll()).rejects.toThrow(/answered JSON of an unexpected shape/);
    body = JSON.stringify([gettable(5)]);
    expect([...(await poll()).keys()]).toEqual(['0000000000000005']);
  });

  it('rejects an invalid changed alert with a sentence, and keeps the last good memory', async () => {
    body = JSON.stringify([gettable(6)]);
    const good = await poll();
    body = JSON.stringify([gettable(6), { ...gettable(7), labels: 'not an object' }]);
    await expect(poll()).rejects.toThrow(/unexpected shape/);
    body = JSON.stringify([gettable(6)]);
    expect((await poll()).get('0000000000000006')).toBe(good.get('0000000000000006'));
  });
});
