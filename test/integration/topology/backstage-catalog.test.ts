import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfig } from '../../../src/config/schema.js';
import { connectorFor } from '../../../src/connectors/registry.js';
import type { ConnectorContext } from '../../../src/connectors/types.js';
import type { TopologyGraph } from '../../../src/domain/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import type { HttpRequest, IHttpClient } from '../../../src/http/types.js';
import { silentLogger } from '../../../src/logger.js';
import { requireBackstage, startBackstage, waitForEntities } from '../../support/backstage.js';
import type { RealBackstage } from '../../support/backstage.js';

const { available } = requireBackstage();
const CATALOG = resolve('test/fixtures/catalog');
const FILES = [resolve(CATALOG, 'catalog-info.yaml'), resolve(CATALOG, 'platform/catalog-info.yaml')];
const NOW = Date.parse('2026-12-02T08:00:00Z');

function source(yaml: string): SourceConfig {
  return parseConfig(`sources:\n${yaml}`, resolve('cockpit.yaml'), {}).sources[0] as SourceConfig;
}

function recordingClient(): IHttpClient & { requests: HttpRequest[] } {
  const client = createHttpClient();
  const requests: HttpRequest[] = [];
  return {
    requests,
    request(request) {
      requests.push(request);
      return client.request(request);
    },
  };
}

async function graphOf(config: SourceConfig, http: IHttpClient = createHttpClient()): Promise<TopologyGraph> {
  const ctx: ConnectorContext = {
    source: config,
    http,
    clock: { now: () => NOW },
    logger: silentLogger,
    signal: new AbortController().signal,
  };
  const connector = connectorFor(config);
  const products = await connector.poll(ctx, connector.createState(config));
  if (!products.topology) throw new Error('no topology product');
  return products.topology;
}

describe.skipIf(!available)('backstage connector against a real Backstage catalog', () => {
  let backstage: RealBackstage;
  beforeAll(async () => {
    backstage = await startBackstage(FILES);
    // 15 entities; 31 forward relations the fixture declares, listed both ways by the catalog.
    await waitForEntities(backstage, 15, 50);
  }, 120_000);
  afterAll(async () => {
    await backstage?.dispose();
  });

  it('gives the same graph as catalog-files over the same descriptor files', async () => {
    const http = recordingClient();
    const fromCatalog = await graphOf(
      source(
        `  - id: bs\n    kind: backstage\n    url: ${backstage.url}\n    auth: { bearer: ${backstage.token} }\n    pageSize: 4`,
      ),
      http,
    );
    const fromFiles = await graphOf(
      source(`  - id: bs\n    kind: catalog-files\n    path: test/fixtures/catalog`),
    );
    expect(fromCatalog.items.map((item) => item.id)).toContain('component:default/checkout-api');
    expect(fromCatalog.items).toEqual(fromFiles.items);
    expect(fromCatalog.relations).toEqual(fromFiles.relations);
    expect(fromFiles.relations).toContainEqual({
      from: 'component:default/checkout-web-gateway',
      type: 'consumesApi',
      to: 'api:default/auth-api',
    });
    expect(fromFiles.relations).toContainEqual({
      from: 'component:default/ledger-worker',
      type: 'partOf',
      to: 'component:default/payment-gateway',
    });
    // pageSize 4 over 15 entities: the cursor was followed, with the token on every page.
    expect(http.requests.length).toBeGreaterThanOrEqual(4);
    expect(http.requests.map((request) => request.auth)).toEqual(
      http.requests.map(() => ({ type: 'bearer', token: backstage.token })),
    );
    expect(http.requests[1]?.url).toContain('cursor=');
  });

  it('is refused without the static token, in one sentence naming the source', async () => {
    await expect(
      graphOf(source(`  - id: bs-open\n    kind: backstage\n    url: ${backstage.url}`)),
    ).rejects.toThrow(/source "bs-open": GET .*by-query answered HTTP 401 \(check the credentials/);
    await expect(
      graphOf(
        source(
          `  - id: bs-wrong\n    kind: backstage\n    url: ${backstage.url}\n    auth: { bearer: not-the-token }`,
        ),
      ),
    ).rejects.toThrow(/HTTP 401/);
  });
});
