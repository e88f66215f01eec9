import { describe, expect, it } from 'vitest';
import { AlertListError, createAlertListScanner } from '../../../src/connectors/alertmanager/raw-alerts.js';
import type { RawAlert, ScanResult } from '../../../src/connectors/alertmanager/raw-alerts.js';

/** The whole body in one write: its alerts, or undefined when it is not a plain list of objects. */
function splitAlertList(body: Buffer): RawAlert[] | undefined {
  const alerts: RawAlert[] = [];
  const scanner = createAlertListScanner((_body, found) => alerts.push(found));
  try {
    scanner.write(body);
    return scanner.end().kind === 'list' ? alerts : undefined;
  } catch (error) {
    if (error instanceof AlertListError) return undefined;
    throw error;
  }
}

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

  it('hashes an alert larger than its gathering buffer whole, and a small one after it alone', () => {
    const big = (last: string, updatedAt = '2026-11-21T10:05:00.000Z') =>
      alert({ annotations: { description: `${'y'.repeat(200_000)}${last}` }, updatedAt });
    const [alone] = split([alert()])!;
    const [first, small] = split([big('a'), alert()])!;
    expect(split([big('a', '2026-11-21T10:09:00.000Z')])![0]?.hash).toBe(first?.hash);
    expect(split([big('b')])![0]?.hash).not.toBe(first?.hash);
    expect(small?.hash).toBe(alone?.hash);
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

type Seen = { text: string; fingerprint?: string; hash: string };

/** Feeds `body` to a scanner in chunks of the given sizes (cycled) and records what it visited. */
function scanInChunks(body: Buffer, sizes: readonly number[]): { seen: Seen[]; result: ScanResult } {
  const seen: Seen[] = [];
  const scanner = createAlertListScanner((bytes, alert: RawAlert) =>
    seen.push({
      text: bytes.toString('utf8', alert.start, alert.end),
      fingerprint: alert.fingerprint,
      hash: alert.hash,
    }),
  );
  let at = 0;
  for (let i = 0; at < body.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    scanner.write(body.subarray(at, at + size));
    at += size;
  }
  return { seen, result: scanner.end() };
}

describe('createAlertListScanner (the body as it streams in)', () => {
  const list = Array.from({ length: 40 }, (_, i) =>
    alert({
      fingerprint: `f${String(i).padStart(15, '0')}`,
      annotations: { summary: `磁盘 ${i} "quoted" \\ {brace} ${'x'.repeat(i * 50)}` },
    }),
  );
  const body = Buffer.from(JSON.stringify(list, null, 1));

  it('visits the same alerts with the same bytes and hashes however the body is cut', () => {
    const whole = splitAlertList(body)!;
    const expected = whole.map((part) => ({
      text: body.toString('utf8', part.start, part.end),
      fingerprint: part.fingerprint,
      hash: part.hash,
    }));
    expect(expected).toHaveLength(40);
    for (const sizes of [[1], [7], [64], [1000, 3, 17], [65_536]]) {
      const { seen, result } = scanInChunks(body, sizes);
      expect(result).toEqual({ kind: 'list', count: 40 });
      expect(seen).toEqual(expected);
    }
  });

  it('handles one alert far larger than a chunk', () => {
    const huge = alert({ annotations: { description: 'y'.repeat(2_000_000) } });
    const { seen, result } = scanInChunks(Buffer.from(JSON.stringify([huge, alert()])), [4096]);
    expect(result).toEqual({ kind: 'list', count: 2 });
    expect(JSON.parse(seen[0]?.text ?? '')).toEqual(huge);
  });

  it('hands back the whole body, however it was cut, when it is not a list of objects', () => {
    for (const text of ['{"data":[]}', '[[[[]]]]', '[1,2]', '[] x', '<html>', '']) {
      const { seen, result } = scanInChunks(Buffer.from(text), [1]);
      expect(seen).toEqual([]);
      expect(result.kind === 'whole' ? result.body.toString() : result).toBe(text);
    }
  });

  it('stops with a sentence when the list breaks after alerts were already visited', () => {
    const good = JSON.stringify([alert(), alert()]).slice(0, -1);
    // Positions are byte offsets in the body (the summaries hold multi-byte characters).
    const bytes = Buffer.byteLength(good);
    const cases: [string, string][] = [
      [`${good} x]`, `answered malformed JSON (Unexpected token at byte ${bytes + 1})`],
      [`${good},5]`, 'answered JSON of an unexpected shape at 2 (expected object)'],
      [`${good}] x`, `(Unexpected non-whitespace character after JSON at byte ${bytes + 2})`],
      [`${good},{"labels":`, 'answered malformed JSON (Unexpected end of JSON input)'],
    ];
    for (const [text, message] of cases) {
      let thrown: unknown;
      try {
        scanInChunks(Buffer.from(text), [5]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AlertListError);
      expect((thrown as Error).message).toContain(message);
    }
  });
});
