import { describe, expect, it } from 'vitest';
import { splitAlertList } from '../../../src/connectors/alertmanager/raw-alerts.js';

function alert(overrides: Record<string, unknown> = {}) {
  return {
    annotations: { summary: 'Disk {full} on "db-1" ] \\ 磁盘满' },
    endsAt: '2026-11-21T10:10:00.000Z',
    fingerprint: 'aaaa000011112222',
    receivers: [{ name: 'pager' }],
    startsAt: '2026-11-21T10:00:00.000Z',
    status: { inhibitedBy: [], silencedBy: [], state: 'active' },
    updatedAt: '2026-11-21T10:05:00.000Z',
    labels: { alertname: 'DiskFull', severity: 'critical' },
    ...overrides,
  };
}

const split = (value: unknown, space?: number) =>
  splitAlertList(Buffer.from(JSON.stringify(value, null, space)));

describe('splitAlertList', () => {
  it('finds each alert, its exact bytes and its fingerprint, whatever the strings contain', () => {
    const list = [alert(), alert({ fingerprint: 'bbbb000011112222', labels: { a: '},{"fingerprint":"x"' } })];
    const body = Buffer.from(JSON.stringify(list, null, 2));
    const parts = splitAlertList(body)!;
    expect(parts.map((part) => part.fingerprint)).toEqual(['aaaa000011112222', 'bbbb000011112222']);
    expect(parts.map((part) => JSON.parse(body.toString('utf8', part.start, part.end)) as unknown)).toEqual(
      list,
    );
  });

  it('ignores updatedAt and endsAt, which Alertmanager moves on every evaluation', () => {
    const [before] = split([alert()])!;
    const [after] = split([
      alert({ updatedAt: '2026-11-21T10:06:00.000Z', endsAt: '2026-11-21T10:11:00.000Z' }),
    ])!;
    expect(after?.hash).toBe(before?.hash);
  });

  it('sees every other change, including a label that happens to be called updatedAt', () => {
    const [base] = split([alert({ labels: { updatedAt: 'one' } })])!;
    const changes = [
      alert({ labels: { updatedAt: 'two' } }),
      alert({ status: { inhibitedBy: [], silencedBy: ['s-1'], state: 'suppressed' } }),
      alert({ annotations: { summary: 'other' } }),
      alert({ startsAt: '2026-11-21T10:00:01.000Z' }),
    ];
    for (const changed of changes) expect(split([changed])![0]?.hash).not.toBe(base?.hash);
  });

  it('handles an empty list and escaped quotes and backslashes at the end of strings', () => {
    expect(split([])).toEqual([]);
    const tricky = alert({ annotations: { a: 'ends with a backslash \\', b: 'quote \\" inside', c: '"' } });
    const [part] = split([tricky])!;
    expect(part?.fingerprint).toBe('aaaa000011112222');
  });

  it('gives up (so the body is parsed the ordinary way) on anything that is not a plain list of objects', () => {
    for (const text of [
      '{"data":[]}',
      '[1,2]',
      '[{"a":1}',
      '[{"a":1}] x',
      '[{"a":"unterminated}]',
      '[[[[]]]]',
      '',
    ]) {
      expect(splitAlertList(Buffer.from(text))).toBeUndefined();
    }
    expect(splitAlertList(Buffer.from('\ufeff[]'))).toBeUndefined();
  });
});
