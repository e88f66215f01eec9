import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfigOf } from '../../../src/config/schema.js';
import { pagerdutyChangesConnector } from '../../../src/connectors/pagerduty-changes/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';
import { startFakePagerduty } from '../../support/pagerduty-fake.js';
import type { FakeChangeEvent, FakePagerduty } from '../../support/pagerduty-fake.js';

const NOW = Date.parse('2026-12-02T06:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

const EVENTS: FakeChangeEvent[] = [
  ...Array.from({ length: 230 }, (_, index) => ({
    id: `P${index}`,
    summary: `Build Success - checkout #${index}`,
    timestamp: minutesAgo(index * 10 + 1),
    source: 'acme-build-pipeline',
    services: [{ id: 'PSVC1', summary: 'checkout' }],
    teamIds: ['TEAM1'],
    custom_details: { user: 'wangfang', environment: 'prod' },
    links: [{ href: `https://ci.example/build/${index}`, text: 'View in CI' }],
  })),
  {
    id: 'POLD',
    summary: 'too old',
    timestamp: minutesAgo(10 * 24 * 60),
    services: [{ id: 'PSVC2', summary: 'search' }],
    teamIds: ['TEAM2'],
  },
];

let pagerduty: FakePagerduty;
beforeAll(async () => {
  pagerduty = await startFakePagerduty('pd-secret-token', EVENTS);
});
afterAll(() => pagerduty.close());

async function poll(token: string, extra = '') {
  const source = parseConfig(
    `sources:\n  - { id: pd, kind: pagerduty-changes, url: ${pagerduty.url}, token: ${token}${extra} }\n`,
    'cockpit.yaml',
    {},
  ).sources[0] as SourceConfigOf<'pagerduty-changes'>;
  const ctx = {
    source,
    http: createHttpClient(),
    clock: { now: () => NOW },
    logger: silentLogger,
    signal: new AbortController().signal,
  };
  return (await pagerdutyChangesConnector.poll(ctx, undefined)).changes;
}

describe('kind: pagerduty-changes against a fake of GET /change_events', () => {
  it('reads every page of the window (since/until, limit 100, offset) and maps services, links and details', async () => {
    pagerduty.requests.length = 0;
    const batch = await poll('pd-secret-token');
    expect(batch?.changes).toHaveLength(230);
    expect(pagerduty.requests.map((url) => url.searchParams.get('offset'))).toEqual(['0', '100', '200']);
    expect(pagerduty.requests[0]?.searchParams.get('since')).toBe('2026-11-29T06:00:00.000Z');
    expect(pagerduty.requests[0]?.searchParams.get('until')).toBe('2026-12-02T06:00:00.000Z');
    expect(batch?.changes.find((change) => change.id === 'pd:P0')).toMatchObject({
      title: 'Build Success - checkout #0',
      services: ['checkout'],
      operator: 'wangfang',
      environment: 'prod',
      startsAt: minutesAgo(1),
      url: 'https://ci.example/build/0',
      kind: 'release',
    });
  });

  it('filters by team', async () => {
    const batch = await poll('pd-secret-token', ', teamIds: [TEAM2], window: { past: 30d }');
    expect(batch?.changes.map((change) => change.id)).toEqual(['pd:POLD']);
  });

  it('says what to fix when the token is wrong', async () => {
    await expect(poll('wrong')).rejects.toThrow(
      /source "pd": GET \/change_events answered HTTP 401 \(check the credentials under auth: for this source\)/,
    );
  });
});
