import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { backstageConnector } from '../../../src/connectors/backstage/index.js';
import type { BackstageSourceConfig } from '../../../src/connectors/backstage/config.js';
import type { SourceConfig } from '../../../src/config/schema.js';
import { createHttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';

/**
 * Faults a real catalog cannot be made to produce (a cursor that never ends, a 500, a redirect to
 * another host), from a loopback server answering in by-query's documented shape.
 */
type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (response: ServerResponse, body: unknown) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team' },
  relations: [],
});

async function poll(url: string, extra = '') {
  const config = parseConfig(
    `sources:\n  - id: bs\n    kind: backstage\n    url: ${url}\n    auth: { bearer: t0ken }\n${extra}`,
    'cockpit.yaml',
    {},
  ).sources[0] as SourceConfig as BackstageSourceConfig;
  const products = await backstageConnector.poll(
    {
      source: config,
      http: createHttpClient(),
      clock: { now: () => Date.parse('2026-12-02T08:00:00Z') },
      logger: silentLogger,
      signal: new AbortController().signal,
    },
    {},
  );
  if (!products.topology) throw new Error('no topology');
  return products.topology;
}

describe('backstage connector on a failing catalog', () => {
  it('cuts a cursor that never ends off after maxPages, keeping what it read, with a sentence', async () => {
    let page = 0;
    const url = await serve((_request, response) => {
      page += 1;
      json(response, {
        items: [entity(`svc-${page}`)],
        totalItems: 1e9,
        pageInfo: { nextCursor: `c${page}` },
      });
    });
    const graph = await poll(url, '    maxPages: 5');
    expect(page).toBe(5);
    expect(graph.items).toHaveLength(5);
    expect(graph.problems).toEqual([
      'the catalog had more than 5 pages of 500 entities (it says 1000000000 in all); reading stopped there (raise maxPages: or narrow filter: for this source)',
    ]);
  });

  it('stops at a cursor it has seen before', async () => {
    let page = 0;
    const url = await serve((_request, response) => {
      page += 1;
      json(response, { items: [entity(`svc-${page}`)], pageInfo: { nextCursor: 'same' } });
    });
    const graph = await poll(url);
    expect(page).toBe(2);
    expect(graph.problems[0]).toMatch(/a cursor it had already given after 2 pages/);
  });

  it('reads 20 000 entities over pages', async () => {
    const all = Array.from({ length: 20_000 }, (_, index) => entity(`svc-${index}`));
    const url = await serve((request, response) => {
      const params = new URL(request.url ?? '/', 'http://x').searchParams;
      const offset = Number(params.get('cursor') ?? 0);
      const limit = Number(params.get('limit'));
      const next = offset + limit;
      json(response, {
        items: all.slice(offset, next),
        totalItems: all.length,
        pageInfo: next < all.length ? { nextCursor: String(next) } : {},
      });
    });
    const graph = await poll(url, '    pageSize: 1000');
    expect(graph.items).toHaveLength(20_000);
    expect(graph.problems).toEqual([]);
  });

  it('turns a 500 and a redirect to another host into one sentence each', async () => {
    const failing = await serve((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error":{"name":"Error","message":"database is locked"}}');
    });
    await expect(poll(failing)).rejects.toThrow(
      /^source "bs": GET .*\/api\/catalog\/entities\/by-query answered HTTP 500 \(the server is failing\)$/,
    );
    const other = await serve((_request, response) => json(response, { items: [] }));
    const redirecting = await serve((request, response) => {
      response.writeHead(302, { location: `${other}${request.url ?? ''}` });
      response.end();
    });
    await expect(poll(redirecting)).rejects.toThrow(/source "bs": .*redirect/i);
  });

  it('sends the bearer token', async () => {
    let authorization: string | undefined;
    const url = await serve((request, response) => {
      authorization = request.headers.authorization;
      json(response, { items: [entity('one')] });
    });
    await poll(url);
    expect(authorization).toBe('Bearer t0ken');
  });
});
