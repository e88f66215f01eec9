import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfig } from '../../../src/config/schema.js';
import { catalogFilesConnector } from '../../../src/connectors/catalog-files/index.js';
import type { CatalogFilesSourceConfig } from '../../../src/connectors/catalog-files/config.js';
import { createHttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-catalog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function source(path: string): CatalogFilesSourceConfig {
  const config = parseConfig(
    `sources:\n  - id: files\n    kind: catalog-files\n    path: ${JSON.stringify(path)}\n`,
    join(dir, 'cockpit.yaml'),
    {},
  );
  return config.sources[0] as SourceConfig as CatalogFilesSourceConfig;
}

async function poll(path = '.') {
  const products = await catalogFilesConnector.poll(
    {
      source: source(path),
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

const component = (name: string, dependsOn: string[] = []) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  owner: team\n  dependsOn: [${dependsOn.join(', ')}]\n`;

describe('catalog-files', () => {
  it('reads a folder recursively, relative to the config file, several documents per file', async () => {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(
      join(dir, 'a', 'catalog-info.yaml'),
      `${component('web', ['component:api'])}---\n${component('api')}`,
    );
    writeFileSync(join(dir, 'a', 'b', 'more.yml'), component('worker', ['component:default/api']));
    writeFileSync(join(dir, 'notes.txt'), 'not a descriptor');
    const graph = await poll('.');
    expect(graph.items.map((item) => item.name)).toEqual(['api', 'web', 'worker']);
    expect(graph.relations.filter((r) => r.type === 'dependsOn').map((r) => `${r.from} > ${r.to}`)).toEqual([
      'component:default/web > component:default/api',
      'component:default/worker > component:default/api',
    ]);
  });

  it('takes a glob', async () => {
    mkdirSync(join(dir, 'svc', 'x'), { recursive: true });
    writeFileSync(join(dir, 'svc', 'x', 'catalog-info.yaml'), component('x'));
    writeFileSync(join(dir, 'svc', 'x', 'other.yaml'), component('y'));
    const graph = await poll(join(dir, 'svc/*/catalog-info.yaml'));
    expect(graph.items.map((item) => item.name)).toEqual(['x']);
  });

  it('keeps the rest when a document is not YAML, an entity has no name or a ref points nowhere, one sentence each', async () => {
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      `${component('web', ['component:api', 'component:ghost'])}---\nkind: Component\nmetadata:\n  name: [unclosed\n---\nkind: Component\nmetadata:\n  title: nameless\n---\n${component('api')}`,
    );
    const graph = await poll('.');
    expect(graph.items.map((item) => item.name)).toEqual(['api', 'web']);
    expect(graph.problems).toHaveLength(3);
    expect(graph.problems[0]).toMatch(/^catalog-info\.yaml line \d+: not YAML/);
    expect(graph.problems[1]).toMatch(
      /catalog-info\.yaml document 3 \(line \d+\) \(Component\) has no metadata\.name; skipped/,
    );
    expect(graph.problems[2]).toMatch(
      /3 relations point at entities that do not exist \(.*component:default\/ghost.*\); they are left out/,
    );
  });

  it('keeps a dependency cycle as it is (the analysis reports it)', async () => {
    writeFileSync(
      join(dir, 'c.yaml'),
      `${component('a', ['component:b'])}---\n${component('b', ['component:a'])}`,
    );
    const graph = await poll('.');
    expect(graph.relations.filter((r) => r.type === 'dependsOn')).toHaveLength(2);
  });

  it('reads 20 000 entities', async () => {
    const docs = Array.from({ length: 20_000 }, (_, index) =>
      component(`svc-${index}`, index > 0 ? [`component:svc-${index - 1}`] : []),
    );
    writeFileSync(join(dir, 'big.yaml'), docs.join('---\n'));
    const graph = await poll('.');
    expect(graph.items).toHaveLength(20_000);
    expect(graph.relations.filter((r) => r.type === 'dependsOn')).toHaveLength(19_999);
  }, 120_000);

  it('fails with a sentence when the path does not exist or holds no descriptors', async () => {
    await expect(poll('missing')).rejects.toThrow(
      /source "files": cannot read .*missing \(no such file or folder\); fix path:/,
    );
    mkdirSync(join(dir, 'empty'));
    await expect(poll('empty')).rejects.toThrow(/no descriptor files \(\.yaml, \.yml\)/);
  });
});
