import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkGettableAlerts } from '../../../src/connectors/alertmanager/fast-check.js';
import { gettableAlertSchema, gettableAlertsSchema } from '../../../src/connectors/alertmanager/schema.js';

const zodOnly = z.array(gettableAlertSchema);

const usual = {
  labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'payments-api' },
  annotations: { summary: 'Error rate 12%', description: '错误率 12%' },
  receivers: [{ name: 'pager' }],
  fingerprint: 'aaaa000011112222',
  startsAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:05:00.000Z',
  endsAt: '2026-11-21T10:09:00.000Z',
  generatorURL: 'http://prom:9090/graph?g0.expr=x',
  status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
};

describe('checkGettableAlerts', () => {
  it('returns what the zod schema returns for usual and sparse alerts', () => {
    const answer = [
      usual,
      // Defaults (annotations, receivers), null lists, and keys the schema does not know.
      {
        labels: { alertname: 'X' },
        fingerprint: 'b',
        startsAt: 's',
        extra: true,
        status: { state: 'suppressed', silencedBy: null, inhibitedBy: ['i'], extra: 1 },
      },
      { ...usual, receivers: [{ name: 'r', extra: 1 }] },
    ];
    expect(checkGettableAlerts(answer)).toEqual(zodOnly.parse(answer));
  });

  it.each([
    ['not a list', {}],
    ['a label value that is not text', [{ ...usual, labels: { severity: 1 } }]],
    ['an empty fingerprint', [{ ...usual, fingerprint: '' }]],
    ['a null updatedAt', [{ ...usual, updatedAt: null }]],
    ['an unknown state', [{ ...usual, status: { state: 'weird' } }]],
    ['a receiver without a name', [{ ...usual, receivers: [{}] }]],
  ])('leaves %s to zod', (_what, answer) => {
    expect(checkGettableAlerts(answer)).toBeUndefined();
    expect(zodOnly.safeParse(answer).success).toBe(false);
  });

  it('leaves a __proto__ label to zod, which decides as before', () => {
    const answer = JSON.parse(
      `[${JSON.stringify({ ...usual, labels: {} }).replace('"labels":{}', '"labels":{"__proto__":"x"}')}]`,
    ) as unknown;
    expect(checkGettableAlerts(answer)).toBeUndefined();
    expect(gettableAlertsSchema.safeParse(answer)).toEqual(zodOnly.safeParse(answer));
  });
});

describe('gettableAlertsSchema', () => {
  it('words a bad answer as zod does: the same path and message', () => {
    const answer = [usual, { ...usual, labels: { severity: 1 } }];
    const issue = gettableAlertsSchema.safeParse(answer).error?.issues[0];
    const expected = zodOnly.safeParse(answer).error?.issues[0];
    expect(issue?.path).toEqual([1, 'labels', 'severity']);
    expect({ path: issue?.path, message: issue?.message }).toEqual({
      path: expected?.path,
      message: expected?.message,
    });
  });
});
