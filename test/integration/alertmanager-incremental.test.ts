import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertFilterSchema } from '../../src/api/contract.js';
import { openCache } from '../../src/cache/index.js';
import type { Cache } from '../../src/cache/index.js';
import { parseConfig } from '../../src/config/load.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { alertmanagerConnector } from '../../src/connectors/alertmanager/index.js';
import type { AlertmanagerState } from '../../src/connectors/alertmanager/index.js';
import { systemClock } from '../../src/domain/index.js';
import type { Snapshot, SourceStatus } from '../../src/domain/index.js';
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

const SILENCED = { status: { inhibitedBy: [], silencedBy: ['s-1'], state: 'suppressed' } };
const id = (index: number) => `am:${index.toString(16).padStart(16, '0')}`;

/** Two Alertmanagers (an HA pair); the single-member tests use the first. */
const bodies = ['[]', '[]'];
const servers = bodies.map((_, member) =>
  createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(bodies[member]);
  }),
);
const origins: string[] = [];

beforeAll(async () => {
  for (const server of servers) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
});
afterAll(() =>
  Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))),
);

function sourceFor(urls: readonly string[], extra = ''): SourceConfig {
  const list = urls.map((url) => `\n      - ${url}`).join('');
  const yaml = `sources:\n  - id: am\n    kind: alertmanager\n    urls:${list}\n${extra}`;
  return parseConfig(yaml, 'c.yaml', {}).sources[0]!;
}

let dataDir: string;
let cache: Cache;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-incremental-'));
  cache = openCache(dataDir, { logger: silentLogger }).cache;
});
afterEach(() => {
  cache.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function okStatus(snapshot: Snapshot): SourceStatus {
  return {
    sourceId: 'am',
    state: 'ok',
    lastSuccessAt: snapshot.takenAt,
    consecutiveFailures: 0,
    itemCount: snapshot.alerts.length,
  };
}

/**
 * The poller's loop for the source, as the core wires it: the connector's state lives here, made
 * afresh (seeded with the cache's hashes) for a new source config or a new process.
 */
let loop: { source: SourceConfig; state: AlertmanagerState } | undefined;
beforeEach(() => {
  loop = undefined;
});

/** One poll as the core runs it: the connector compares with its state, then the cache applies. */
async function poll(source: SourceConfig, seed = true): Promise<Snapshot> {
  if (source.kind !== 'alertmanager') throw new Error('these tests poll alertmanager sources');
  if (loop?.source !== source) {
    const alertSourceHash = cache.alerts.sourceHashLookup('am');
    loop = { source, state: alertmanagerConnector.createState(source, seed ? { alertSourceHash } : {}) };
  }
  const { alerts: snapshot } = await alertmanagerConnector.poll(
    {
      source,
      http: createHttpClient(),
      clock: systemClock,
      logger: silentLogger,
      signal: new AbortController().signal,
    },
    loop.state,
  );
  if (!snapshot) throw new Error('the Alertmanager connector produced no alerts');
  cache.applyPoll(okStatus(snapshot), { alerts: snapshot });
  return snapshot;
}

/** What a restart of the process does: the cache is reopened and the poller's loop starts over. */
function restart(): void {
  cache.close();
  cache = openCache(dataDir, { logger: silentLogger }).cache;
  loop = undefined;
}

const parsedIds = (snapshot: Snapshot) => snapshot.alerts.map((alert) => alert.id).sort();
const activeIds = () =>
  cache.alerts
    .listAlerts(alertFilterSchema.parse({}))
    .items.filter((alert) => alert.state !== 'resolved')
    .map((alert) => alert.id)
    .sort();

describe('the Alertmanager connector parses only what changed since the cache stored it', () => {
  it('lists unchanged alerts (even with new updatedAt/endsAt) by id, and parses changed and new ones', async () => {
    const source = sourceFor([origins[0]!]);
    bodies[0] = JSON.stringify([gettable(1), gettable(2), gettable(3)]);
    const first = await poll(source);
    expect(parsedIds(first)).toEqual([id(1), id(2), id(3)]);
    expect(first.unchanged).toEqual([]);

    bodies[0] = JSON.stringify([
      gettable(1, { updatedAt: '2026-11-21T10:06:00.000Z', endsAt: '2026-11-21T10:11:00.000Z' }),
      gettable(2, { labels: { alertname: 'Rule2', severity: 'critical', service: 'svc', instance: 'i-2' } }),
      gettable(4),
    ]);
    const second = await poll(source);
    expect(second.unchanged).toEqual([id(1)]);
    expect(parsedIds(second)).toEqual([id(2), id(4)]);
    expect(cache.alerts.getAlert(id(2))?.severity).toBe('critical');
    expect(cache.alerts.getAlert(id(3))?.state).toBe('resolved');
    expect(activeIds()).toEqual([id(1), id(2), id(4)]);

    // A silence changes the status: the alert is read again and shows as silenced.
    bodies[0] = JSON.stringify([gettable(1, SILENCED), gettable(2), gettable(4)]);
    const third = await poll(source);
    expect(parsedIds(third)).toContain(id(1));
    expect(cache.alerts.getAlert(id(1))).toMatchObject({ state: 'silenced', silencedBy: ['s-1'] });
  });

  it('remembers what it stored across a restart, and reads everything again when the mapping changes', async () => {
    const source = sourceFor([origins[0]!]);
    bodies[0] = JSON.stringify([gettable(1), gettable(2)]);
    await poll(source);

    restart();
    const afterRestart = await poll(source);
    expect(afterRestart.unchanged?.slice().sort()).toEqual([id(1), id(2)]);
    expect(afterRestart.alerts).toEqual([]);

    // Without the cache's hashes a fresh loop has nothing to compare with: it reads everything.
    restart();
    expect(parsedIds(await poll(source, false))).toEqual([id(1), id(2)]);

    // Another severity mapping can turn the same bytes into other records: nothing counts as unchanged.
    const remapped = sourceFor([origins[0]!], '    severity:\n      map:\n        warning: critical\n');
    const afterRemap = await poll(remapped);
    expect(afterRemap.unchanged).toEqual([]);
    expect(parsedIds(afterRemap)).toEqual([id(1), id(2)]);
    expect(cache.alerts.getAlert(id(1))?.severity).toBe('critical');
  });

  it('merges HA members, and waits one poll when only one member has seen a change yet', async () => {
    const source = sourceFor([origins[0]!, origins[1]!]);
    bodies[0] = JSON.stringify([gettable(1), gettable(2)]);
    bodies[1] = JSON.stringify([gettable(1, { updatedAt: '2026-11-21T10:05:30.000Z' }), gettable(2)]);
    const first = await poll(source);
    expect(parsedIds(first)).toEqual([id(1), id(2)]);
    expect((await poll(source)).unchanged?.slice().sort()).toEqual([id(1), id(2)]);

    // Member 0 learns of a silence first; member 1 still sends the stored copy.
    bodies[0] = JSON.stringify([gettable(1, SILENCED), gettable(2)]);
    const lagging = await poll(source);
    expect(lagging.unchanged?.slice().sort()).toEqual([id(1), id(2)]);
    expect(cache.alerts.getAlert(id(1))?.state).toBe('firing');

    // The next poll reads both copies in full and merges them: a silence seen by any member counts.
    const merged = await poll(source);
    expect(parsedIds(merged)).toEqual([id(1)]);
    expect(cache.alerts.getAlert(id(1))).toMatchObject({ state: 'silenced', silencedBy: ['s-1'] });
    // Still different on the two members, but the same as stored: unchanged from now on.
    expect((await poll(source)).unchanged?.slice().sort()).toEqual([id(1), id(2)]);

    // Member 0 loses the silenced copy: one poll later the alert is read from member 1 alone.
    bodies[0] = JSON.stringify([gettable(2)]);
    await poll(source);
    expect(cache.alerts.getAlert(id(1))?.state).toBe('silenced');
    const reread = await poll(source);
    expect(parsedIds(reread)).toEqual([id(1)]);
    expect(cache.alerts.getAlert(id(1))).toMatchObject({ state: 'firing', silencedBy: [] });
  });

  it('rejects an invalid changed alert with a sentence, and keeps the rest of what it stored', async () => {
    const source = sourceFor([origins[0]!]);
    bodies[0] = JSON.stringify([gettable(6)]);
    await poll(source);
    bodies[0] = JSON.stringify([gettable(6), { ...gettable(7), labels: 'not an object' }]);
    await expect(poll(source)).rejects.toThrow(/unexpected shape/);
    bodies[0] = JSON.stringify([gettable(6)]);
    const after = await poll(source);
    expect(after.unchanged).toEqual([id(6)]);
    expect(activeIds()).toEqual([id(6)]);
  });

  it('skips a filtered alert while its bytes stay the same, and shows it once they change', async () => {
    const source = sourceFor([origins[0]!], '    severity:\n      map:\n        noisy: filtered\n');
    const noisy = { alertname: 'Rule8', severity: 'noisy', service: 'svc', instance: 'i-8' };
    bodies[0] = JSON.stringify([gettable(1), gettable(8, { labels: noisy })]);
    expect(parsedIds(await poll(source))).toEqual([id(1)]);
    const again = await poll(source);
    expect(again.alerts).toEqual([]);
    expect(again.unchanged).toEqual([id(1)]);

    bodies[0] = JSON.stringify([gettable(1), gettable(8, { labels: { ...noisy, severity: 'critical' } })]);
    const promoted = await poll(source);
    expect(parsedIds(promoted)).toEqual([id(8)]);
    expect(activeIds()).toEqual([id(1), id(8)]);
  });

  it('parses a large first poll in batches without mixing alerts up, and rejects it whole if any is invalid', async () => {
    const source = sourceFor([origins[0]!]);
    const many = Array.from({ length: 4500 }, (_, i) => gettable(i + 100));
    bodies[0] = JSON.stringify([...many.slice(0, 4400), { ...gettable(9999), labels: 'broken' }]);
    await expect(poll(source)).rejects.toThrow(/unexpected shape/);
    expect(cache.alerts.listAlerts(alertFilterSchema.parse({ limit: 1 })).total).toBe(0);

    bodies[0] = JSON.stringify(many);
    const first = await poll(source);
    expect(first.alerts).toHaveLength(4500);
    for (const alert of first.alerts) {
      expect(alert.summary).toBe(`alert ${Number.parseInt(alert.fingerprint, 16)} 告警`);
    }
  });

  it('still explains a body that is not a list of alerts', async () => {
    bodies[0] = '{"data": []}';
    await expect(poll(sourceFor([origins[0]!]))).rejects.toThrow(/answered JSON of an unexpected shape/);
  });
});
