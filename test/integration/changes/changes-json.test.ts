import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfigOf } from '../../../src/config/schema.js';
import { changesJsonConnector } from '../../../src/connectors/changes-json/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';

const NOW = Date.parse('2026-12-02T06:00:00Z');

// The shape of a typical CI/CD deploy log: nested fields, epoch seconds and ISO times mixed.
const FEED = {
  data: {
    deploys: [
      {
        id: 981,
        name: 'checkout v4.2.0',
        app: 'checkout',
        env: 'prod',
        user: { login: 'wangfang' },
        state: 'success',
        started_at: '2026-12-02T05:40:00Z',
        finished_at: '2026-12-02T05:46:00Z',
        html_url: 'https://ci.example/deploys/981',
      },
      {
        id: 982,
        name: 'search config',
        app: ['search', 'search-api'],
        env: 'prod',
        state: 'running',
        started_at: Math.floor(NOW / 1000) - 120,
        kind: 'config',
      },
      {
        id: 983,
        name: 'payments v1.0.1',
        app: 'payments',
        state: 'failure',
        started_at: '2026-12-01T22:00:00Z',
        finished_at: '2026-12-01T22:03:00Z',
        html_url: 'javascript:alert(1)',
      },
      { id: 100, name: 'ancient', app: 'old', state: 'success', started_at: '2026-10-01T00:00:00Z' },
    ],
  },
};

let server: Server;
let base = '';
let lastQuery = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    lastQuery = request.url ?? '';
    const body = request.url?.startsWith('/flat')
      ? JSON.stringify({ deploys: 'none' })
      : JSON.stringify(FEED);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function poll(path: string, items = 'data.deploys') {
  const source = parseConfig(
    `sources:
  - id: deploys
    kind: changes-json
    url: ${base}${path}
    items: ${items}
    fields: { id: id, title: name, startsAt: started_at, endsAt: finished_at, service: app, environment: env, operator: user.login, status: state, url: html_url, kind: kind }
`,
    'cockpit.yaml',
    {},
  ).sources[0] as SourceConfigOf<'changes-json'>;
  const ctx = {
    source,
    http: createHttpClient(),
    clock: { now: () => NOW },
    logger: silentLogger,
    signal: new AbortController().signal,
  };
  return (await changesJsonConnector.poll(ctx, undefined)).changes;
}

describe('kind: changes-json, a deploy feed mapped by field paths', () => {
  it('maps nested fields, epoch seconds, status words, lists of services; keeps the window; drops unsafe links', async () => {
    const batch = await poll('/api/deploys?since={from}');
    expect(decodeURIComponent(lastQuery)).toBe('/api/deploys?since=2026-11-29T06:00:00.000Z');
    expect(
      batch?.changes.map((change) => [change.id, change.status, change.startsAt, change.endsAt]),
    ).toEqual([
      ['deploys:981', 'done', '2026-12-02T05:40:00.000Z', '2026-12-02T05:46:00.000Z'],
      ['deploys:982', 'in-progress', '2026-12-02T05:58:00.000Z', '2026-12-02T06:00:00.000Z'],
      ['deploys:983', 'failed', '2026-12-01T22:00:00.000Z', '2026-12-01T22:03:00.000Z'],
    ]);
    expect(batch?.changes[0]).toMatchObject({
      services: ['checkout'],
      environment: 'prod',
      operator: 'wangfang',
      kind: 'release',
      url: 'https://ci.example/deploys/981',
    });
    expect(batch?.changes[1]).toMatchObject({ services: ['search', 'search-api'], kind: 'config' });
    expect(batch?.changes[2]?.url).toBeUndefined();
  });

  it('says where the list should be when it is not there', async () => {
    await expect(poll('/flat', 'deploys')).rejects.toThrow(
      /source "deploys": GET .*\/flat has no array at items: deploys; set items: to the path of the list/,
    );
  });
});
