import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { demoCatalog, demoCatalogYaml } from '../../../src/demo/estate/catalog.js';
import { DEMO_ESTATE } from '../../../src/demo/estate/estate.js';

describe('the demo catalog', () => {
  it('ships as assets/catalog/catalog-info.yaml, generated from the estate', () => {
    const shipped = readFileSync(resolve('assets/catalog/catalog-info.yaml'), 'utf8');
    expect(shipped).toBe(demoCatalogYaml(DEMO_ESTATE, stringify));
  });

  it('has every service with its dependencies, owners and systems', () => {
    const entities = demoCatalog(DEMO_ESTATE);
    const services = entities.filter((entity) => entity.kind === 'Component' || entity.kind === 'Resource');
    expect(services).toHaveLength(DEMO_ESTATE.services.length);
    const dependencies = services.reduce(
      (sum, entity) => sum + ((entity.spec.dependsOn as string[] | undefined)?.length ?? 0),
      0,
    );
    expect(dependencies).toBe(
      DEMO_ESTATE.services.reduce((sum, service) => sum + service.dependsOn.length, 0),
    );
    expect(entities.find((entity) => entity.metadata.name === 'mysql-payment')?.kind).toBe('Resource');
  });
});
