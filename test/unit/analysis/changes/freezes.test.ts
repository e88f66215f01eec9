import { describe, expect, it } from 'vitest';
import {
  currentAndNextFreeze,
  expandFreezeRules,
  freezeOf,
  withFreeze,
} from '../../../../src/analysis/changes/index.js';
import { freezeSchema } from '../../../../src/config/freezes.js';
import type { ChangeRecord, FreezeWindow } from '../../../../src/domain/index.js';

const rule = (raw: unknown) => freezeSchema.parse(raw);
const ms = (text: string) => Date.parse(text);

const springFestival = rule({
  name: 'Spring Festival',
  from: '2027-02-10T00:00',
  to: '2027-02-17T24:00',
  tz: 'Asia/Shanghai',
  exempt: [
    'payments-hotfix',
    { service: 'payments', from: '2027-02-12T10:00', for: '1h', approvedBy: 'Li Wei' },
  ],
});
const weekend = rule({
  name: 'weekend',
  weekly: { from: 'fri 18:00', to: 'mon 09:00' },
  tz: 'Asia/Shanghai',
  environments: ['prod'],
});

const span = (window: FreezeWindow) => [window.name, window.startsAt, window.endsAt];

describe('expandFreezeRules', () => {
  it.each([
    {
      case: 'a one-off range in Asia/Shanghai (24:00 is the end of the day)',
      rules: [springFestival],
      from: '2027-02-01T00:00:00Z',
      to: '2027-03-01T00:00:00Z',
      expected: [['Spring Festival', '2027-02-09T16:00:00.000Z', '2027-02-17T16:00:00.000Z']],
    },
    {
      case: 'a one-off range outside the asked range',
      rules: [springFestival],
      from: '2027-03-01T00:00:00Z',
      to: '2027-04-01T00:00:00Z',
      expected: [],
    },
    {
      case: 'a weekly rule: every Friday 18:00 to Monday 09:00 in Shanghai',
      rules: [weekend],
      from: '2026-12-02T00:00:00Z',
      to: '2026-12-16T00:00:00Z',
      expected: [
        ['weekend', '2026-12-04T10:00:00.000Z', '2026-12-07T01:00:00.000Z'],
        ['weekend', '2026-12-11T10:00:00.000Z', '2026-12-14T01:00:00.000Z'],
      ],
    },
    {
      case: 'a weekly occurrence that began before the range still covers its start',
      rules: [weekend],
      from: '2026-12-06T00:00:00Z',
      to: '2026-12-08T00:00:00Z',
      expected: [['weekend', '2026-12-04T10:00:00.000Z', '2026-12-07T01:00:00.000Z']],
    },
    {
      case: 'a weekly rule across a DST change keeps wall-clock times (Europe/Berlin)',
      rules: [
        rule({ name: 'saturday', weekly: { from: 'sat 00:00', to: 'sun 24:00' }, tz: 'Europe/Berlin' }),
      ],
      from: '2027-03-25T00:00:00Z',
      to: '2027-03-29T00:00:00Z',
      expected: [['saturday', '2027-03-26T23:00:00.000Z', '2027-03-28T22:00:00.000Z']],
    },
  ])('$case', ({ rules, from, to, expected }) => {
    expect(expandFreezeRules(rules, ms(from), ms(to)).map(span)).toEqual(expected);
  });

  it('turns a green channel into an absolute window in the rule’s time zone', () => {
    expect(springFestival.greenChannels).toEqual([
      {
        service: 'payments',
        startsAt: '2027-02-12T02:00:00.000Z',
        endsAt: '2027-02-12T03:00:00.000Z',
        approvedBy: 'Li Wei',
      },
    ]);
  });

  it.each([
    [{ name: 'x', from: '2027-02-10', to: '2027-02-09' }, 'to: must be after from:'],
    [{ name: 'x', from: '10 Feb', to: '2027-02-09' }, 'write it like 2027-02-10T00:00'],
    [{ name: 'x', weekly: { from: 'friday 18', to: 'mon 09:00' } }, 'write it like fri 18:00'],
    [
      { name: 'x', from: '2027-02-10', to: '2027-02-11', tz: 'Mars/Olympus' },
      'write an IANA name like Asia/Shanghai',
    ],
  ])('refuses %j with a sentence saying how to write it', (raw, hint) => {
    const result = freezeSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(hint);
  });
});

const windows = expandFreezeRules(
  [springFestival, weekend],
  ms('2026-12-01T00:00:00Z'),
  ms('2027-03-01T00:00:00Z'),
);

describe('currentAndNextFreeze (the clock is a parameter)', () => {
  it.each([
    { now: '2026-12-02T06:00:00Z', active: undefined, next: '2026-12-04T10:00:00.000Z' },
    { now: '2026-12-05T06:00:00Z', active: 'weekend', next: '2026-12-11T10:00:00.000Z' },
    { now: '2027-02-12T06:00:00Z', active: 'Spring Festival', next: '2027-02-12T10:00:00.000Z' },
    { now: '2027-02-17T15:59:59Z', active: 'Spring Festival', next: '2027-02-19T10:00:00.000Z' },
    { now: '2027-02-17T16:00:00Z', active: undefined, next: '2027-02-19T10:00:00.000Z' },
  ])('at $now: active $active, next from $next', ({ now, active, next }) => {
    const found = currentAndNextFreeze(windows, ms(now));
    expect(found.active?.name).toBe(active);
    expect(found.next?.startsAt).toBe(next);
  });
});

const change = (overrides: Partial<ChangeRecord>): ChangeRecord => ({
  id: 'cal:1',
  sourceId: 'cal',
  title: 'deploy',
  description: '',
  kind: 'release',
  services: ['checkout'],
  environment: 'prod',
  startsAt: '2026-12-02T06:00:00.000Z',
  endsAt: '2026-12-02T07:00:00.000Z',
  status: 'planned',
  ...overrides,
});

describe('freezeOf / insideFreeze', () => {
  it.each([
    { case: 'a weekday change', change: change({}), freeze: undefined, inside: false },
    {
      case: 'a prod change on the weekend',
      change: change({ startsAt: '2026-12-05T02:00:00.000Z' }),
      freeze: { name: 'weekend' },
      inside: true,
    },
    {
      case: 'a staging change on the weekend (the rule is prod only)',
      change: change({ startsAt: '2026-12-05T02:00:00.000Z', environment: 'staging' }),
      freeze: undefined,
      inside: false,
    },
    {
      case: 'a change without environment is held to every freeze',
      change: change({ startsAt: '2026-12-05T02:00:00.000Z', environment: undefined }),
      freeze: { name: 'weekend' },
      inside: true,
    },
    {
      case: 'a cancelled change never counts',
      change: change({ startsAt: '2026-12-05T02:00:00.000Z', status: 'cancelled' }),
      freeze: undefined,
      inside: false,
    },
    {
      case: 'an allow-listed service during the Spring Festival',
      change: change({ startsAt: '2027-02-11T02:00:00.000Z', services: ['payments-hotfix'] }),
      freeze: { name: 'Spring Festival', exemptBy: 'exempt: payments-hotfix' },
      inside: false,
    },
    {
      case: 'the green channel: payments for 1 h, approved by Li Wei',
      change: change({ startsAt: '2027-02-12T02:30:00.000Z', services: ['payments'], environment: 'dev' }),
      freeze: { name: 'Spring Festival', exemptBy: 'green channel for payments, approved by Li Wei' },
      inside: false,
    },
    {
      case: 'the same service after its green channel closed',
      change: change({ startsAt: '2027-02-12T03:00:00.000Z', services: ['payments'], environment: 'dev' }),
      freeze: { name: 'Spring Festival' },
      inside: true,
    },
    {
      case: 'an exempt service in two overlapping freezes, one of which does not exempt it',
      change: change({ startsAt: '2027-02-13T02:00:00.000Z', services: ['payments-hotfix'] }),
      freeze: { name: 'weekend' },
      inside: true,
    },
  ])('$case', ({ change: record, freeze, inside }) => {
    expect(freezeOf(record, windows)).toEqual(freeze);
    expect(withFreeze(record, windows).insideFreeze).toBe(inside);
  });
});
