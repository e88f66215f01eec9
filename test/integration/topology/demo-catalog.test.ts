import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfig } from '../../../src/config/schema.js';
import { connectorFor } from '../../../src/connectors/registry.js';
import { createDemoSimulator, startDemoAlertmanager } from '../../../src/demo/index.js';
import type { DemoAlertmanager } from '../../../src/demo/index.js';
import type { TopologyGraph } from '../../../src/domain/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';

async function graphOf(yaml: string): Promise<TopologyGraph> {
  const config = parseConfig(`sources:\n${yaml}`, resolve('cockpit.yaml'), {}).sources[0] as SourceConfig;
  const connector = connectorFor(config);
  const products = await connector.poll(
    {
      source: config,
      http: createHttpClient(),
      clock: { now: () => 0 },
      logger: silentLogger,
      signal: new AbortController().signal,
    },
    connector.createState(config),
  );
  if (!products.topology) throw new Error('no topology');
  return products.topology;
}

describe('the demo estate catalog', () => {
  let demo: DemoAlertmanager;
  beforeAll(async () => {
    demo = await startDemoAlertmanager({ simulator: createDemoSimulator({ seed: 7 }) });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('serves the same graph over the catalog API as assets/catalog gives through catalog-files', async () => {
    const fromApi = await graphOf(`  - id: cat\n    kind: backstage\n    url: ${demo.url}\n    pageSize: 25`);
    const fromFiles = await graphOf(`  - id: cat\n    kind: catalog-files\n    path: assets/catalog`);
    expect(fromApi.problems).toEqual([]);
    expect(fromFiles.problems).toEqual([]);
    expect(fromApi.items.length).toBeGreaterThan(40);
    expect(fromApi.items).toEqual(fromFiles.items);
    expect(fromApi.relations).toEqual(fromFiles.relations);
    expect(fromApi.relations).toContainEqual({
      from: 'component:default/payment-core',
      type: 'dependsOn',
      to: 'resource:default/mysql-payment',
    });
  });
});
