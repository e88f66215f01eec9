import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEVERITY_MAPPING,
  compareSeverity,
  mapSeverity,
  worstSeverity,
} from '../../../src/domain/severity.js';
import type { SeverityMapping } from '../../../src/domain/severity.js';

describe('mapSeverity', () => {
  it('maps the usual words onto the four levels', () => {
    expect(mapSeverity({ severity: 'critical' }, DEFAULT_SEVERITY_MAPPING)).toBe('critical');
    expect(mapSeverity({ severity: 'Error' }, DEFAULT_SEVERITY_MAPPING)).toBe('high');
    expect(mapSeverity({ severity: ' warning ' }, DEFAULT_SEVERITY_MAPPING)).toBe('warning');
    expect(mapSeverity({ severity: 'none' }, DEFAULT_SEVERITY_MAPPING)).toBe('info');
    expect(mapSeverity({ severity: '致命' }, DEFAULT_SEVERITY_MAPPING)).toBe('critical');
  });

  it('falls back to the default for unknown values and for a missing label', () => {
    expect(mapSeverity({ severity: 'purple' }, DEFAULT_SEVERITY_MAPPING)).toBe('warning');
    expect(mapSeverity({}, DEFAULT_SEVERITY_MAPPING)).toBe('warning');
    const infoByDefault: SeverityMapping = { ...DEFAULT_SEVERITY_MAPPING, default: 'info' };
    expect(mapSeverity({ severity: 'purple' }, infoByDefault)).toBe('info');
  });

  it('takes the highest level when several labels match (就高原则)', () => {
    const mapping: SeverityMapping = { ...DEFAULT_SEVERITY_MAPPING, labels: ['severity', 'priority'] };
    expect(mapSeverity({ severity: 'warning', priority: 'p1' }, mapping)).toBe('critical');
    expect(mapSeverity({ severity: 'critical', priority: 'p4' }, mapping)).toBe('critical');
    expect(mapSeverity({ priority: 'p2' }, mapping)).toBe('high');
  });

  it('drops an alert a rule marks as filtered, even when another label is critical', () => {
    const mapping: SeverityMapping = {
      labels: ['severity', 'tier'],
      values: { ...DEFAULT_SEVERITY_MAPPING.values, noise: 'filtered' },
      default: 'warning',
    };
    expect(mapSeverity({ severity: 'critical', tier: 'noise' }, mapping)).toBe('filtered');
  });
});

describe('severity order', () => {
  it('sorts worst first and picks the worse of two', () => {
    const sorted = (['info', 'critical', 'warning', 'high'] as const).slice().sort(compareSeverity);
    expect(sorted).toEqual(['critical', 'high', 'warning', 'info']);
    expect(worstSeverity('warning', 'high')).toBe('high');
    expect(worstSeverity('critical', 'info')).toBe('critical');
  });
});
