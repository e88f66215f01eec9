import { describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../../src/connectors/registry.js';
import { ALERT_SOURCE_KINDS } from '../../../src/domain/index.js';

describe('ALERT_SOURCE_KINDS', () => {
  it('lists exactly the configured kinds whose connector produces alerts', () => {
    const producing = Object.entries(CONNECTORS)
      .filter(([, connector]) => (connector.produces as readonly string[]).includes('alerts'))
      .map(([kind]) => kind)
      .sort();
    expect([...ALERT_SOURCE_KINDS].sort()).toEqual(producing);
  });
});
