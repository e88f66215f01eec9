import { describe, expect, it } from 'vitest';
import { AmHttpError } from '../../../../src/demo/alertmanager/am-errors.js';
import { parsePostableSilence } from '../../../../src/demo/alertmanager/am-validation.js';
import { createSilenceStore, silencedBy } from '../../../../src/demo/alertmanager/silences.js';

const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);
const HOUR = 3_600_000;

function silence(overrides: Record<string, unknown> = {}) {
  return parsePostableSilence({
    matchers: [{ name: 'service', value: 'payment-core', isRegex: false }],
    startsAt: new Date(NOW - HOUR).toISOString(),
    endsAt: new Date(NOW + HOUR).toISOString(),
    createdBy: 'oncall',
    comment: 'deploying',
    ...overrides,
  });
}

function failure(action: () => unknown): { status: number; body: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof AmHttpError) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('demo silences', () => {
  it('starts a silence in the past at now and mutes matching labels until it is expired', () => {
    const store = createSilenceStore();
    const id = store.upsert(silence(), NOW);
    expect(store.get(id, NOW)).toMatchObject({
      status: { state: 'active' },
      startsAt: new Date(NOW).toISOString(),
    });
    expect(silencedBy(store.active(NOW), { service: 'payment-core', severity: 'critical' })).toEqual([id]);
    expect(silencedBy(store.active(NOW), { service: 'ledger' })).toEqual([]);
    store.expire(id, NOW + 1000);
    expect(store.get(id, NOW + 1000)?.status.state).toBe('expired');
    expect(store.active(NOW + 1000)).toEqual([]);
  });

  it('updates a silence in place when only its end and comment change', () => {
    const store = createSilenceStore();
    const id = store.upsert(silence(), NOW);
    const updated = store.upsert(
      silence({ id, endsAt: new Date(NOW + 2 * HOUR).toISOString(), comment: 'longer' }),
      NOW,
    );
    expect(updated).toBe(id);
    expect(store.get(id, NOW)).toMatchObject({
      comment: 'longer',
      endsAt: new Date(NOW + 2 * HOUR).toISOString(),
    });
    const replaced = store.upsert(
      silence({ id, matchers: [{ name: 'service', value: 'ledger', isRegex: false }] }),
      NOW,
    );
    expect(replaced).not.toBe(id);
    expect(store.get(id, NOW)?.status.state).toBe('expired');
  });

  it('refuses silences the way Alertmanager does', () => {
    const store = createSilenceStore();
    expect(failure(() => silence({ matchers: [] }))).toEqual({
      status: 422,
      body: '{"code":612,"message":"matchers in body should have at least 1 items"}',
    });
    expect(failure(() => silence({ createdBy: undefined }))).toMatchObject({ status: 422 });
    expect(
      failure(() => store.upsert(silence({ endsAt: new Date(NOW - 2 * HOUR).toISOString() }), NOW)),
    ).toEqual({
      status: 400,
      body: '"Failed to create silence: start time must be before end time"\n',
    });
    expect(
      failure(() =>
        store.upsert(silence({ matchers: [{ name: 'service', value: '.*', isRegex: true }] }), NOW),
      ).body,
    ).toContain('at least one matcher must not match the empty string');
    expect(
      failure(() => store.upsert(silence({ id: 'c7a7a7f7-ba8c-459a-859d-2e79808a69ff' }), NOW)).status,
    ).toBe(404);
  });
});
