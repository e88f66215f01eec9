import { describe, expect, it } from 'vitest';
import { matchesFilter, parseMatcher } from '../../../../src/demo/alertmanager/matchers.js';

describe('Alertmanager filter matchers', () => {
  it('parses the four operators, quoted or not', () => {
    expect(parseMatcher('service="payment-core"')).toMatchObject({
      name: 'service',
      type: '=',
      value: 'payment-core',
    });
    expect(parseMatcher('env!=staging')).toMatchObject({ type: '!=', value: 'staging' });
    expect(parseMatcher(' severity =~ "crit.*" ')).toMatchObject({ type: '=~', value: 'crit.*' });
    expect(parseMatcher('cluster!~"sh-.*"')).toMatchObject({ type: '!~', value: 'sh-.*' });
    expect(() => parseMatcher('bad')).toThrow('bad matcher format: bad');
  });

  it('anchors regular expressions and treats a missing label as empty', () => {
    const labels = { alertname: 'HighErrorRate', severity: 'critical' };
    expect(matchesFilter([parseMatcher('severity=~"crit"')], labels)).toBe(false);
    expect(matchesFilter([parseMatcher('severity=~"crit.*"')], labels)).toBe(true);
    expect(matchesFilter([parseMatcher('team=""')], labels)).toBe(true);
    expect(matchesFilter([parseMatcher('team!=""')], labels)).toBe(false);
    expect(matchesFilter([parseMatcher('alertname!~"High.*"')], labels)).toBe(false);
  });
});
