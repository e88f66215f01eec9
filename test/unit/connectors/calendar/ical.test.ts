import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/config/load.js';
import type { SourceConfigOf } from '../../../../src/config/schema.js';
import { icalConnector } from '../../../../src/connectors/ical/index.js';
import type { ConnectorContext } from '../../../../src/connectors/types.js';
import type { ChangeBatch } from '../../../../src/domain/index.js';
import { createHttpClient } from '../../../../src/http/client.js';
import { silentLogger } from '../../../../src/logger.js';

const FIXTURES = new URL('../../../fixtures/calendars/', import.meta.url).pathname;
const NOW = Date.parse('2026-12-02T00:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'cockpit-ical-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function sourceFor(file: string, extra = ''): SourceConfigOf<'ical'> {
  const yaml = `sources:\n  - id: ops\n    kind: ical\n    file: ${file}\n    timezone: Asia/Shanghai\n    window: { past: 1d, ahead: 14d }\n${extra}`;
  return parseConfig(yaml, join(FIXTURES, 'cockpit.yaml'), {}).sources[0] as SourceConfigOf<'ical'>;
}

async function poll(file: string, extra = ''): Promise<ChangeBatch> {
  const source = sourceFor(file, extra);
  const ctx: ConnectorContext<SourceConfigOf<'ical'>> = {
    source,
    http: createHttpClient(),
    clock: { now: () => NOW },
    logger: silentLogger,
    signal: new AbortController().signal,
  };
  const products = await icalConnector.poll(ctx, icalConnector.createState(source));
  if (!products.changes) throw new Error('no changes product');
  return products.changes;
}

describe('kind: ical, a real-shaped calendar file (window 2026-12-01 to 12-16, Asia/Shanghai)', () => {
  it('expands the release train: weekly Tue/Thu 20:00 CST, one EXDATE, one occurrence moved by RECURRENCE-ID', async () => {
    const batch = await poll('ops.ics');
    const train = batch.changes.filter((change) => change.id.startsWith('ops:train-checkout'));
    expect(train.map((change) => [change.startsAt, change.endsAt, change.title])).toEqual([
      ['2026-12-01T12:00:00.000Z', '2026-12-01T13:00:00.000Z', '[checkout] release train'],
      ['2026-12-03T12:00:00.000Z', '2026-12-03T13:00:00.000Z', '[checkout] release train'],
      ['2026-12-10T14:00:00.000Z', '2026-12-10T15:00:00.000Z', '[checkout] release train (moved: 22:00)'],
      ['2026-12-15T12:00:00.000Z', '2026-12-15T13:00:00.000Z', '[checkout] release train'],
    ]);
    expect(train[0]).toMatchObject({
      kind: 'release',
      services: ['checkout'],
      environment: 'prod',
      operator: 'Release Team',
      url: 'https://ci.example/checkout/releases',
      description: 'Weekly release of checkout, see the runbook.',
    });
    expect(train[2]?.operator).toBe('Li Wei');
    // Occurrence ids are stable per slot, so an edited occurrence replaces itself on the next poll.
    expect(new Set(train.map((change) => change.id)).size).toBe(4);
  });

  it('makes an all-day 封网 event a freeze window in the source’s zone, with its exemptions', async () => {
    const batch = await poll('ops.ics');
    expect(batch.freezes).toEqual([
      {
        name: 'Double 12 shopping festival',
        startsAt: '2026-12-11T16:00:00.000Z',
        endsAt: '2026-12-13T16:00:00.000Z',
        environments: [],
        exemptions: ['payments-hotfix', 'risk-rules'],
        greenChannels: [],
        source: 'ops',
      },
    ]);
  });

  it('maps categories, X-SERVICE, ORGANIZER, STATUS and a bare TZID (no VTIMEZONE) from the tz database', async () => {
    const byId = new Map((await poll('ops.ics')).changes.map((change) => [change.id, change]));
    expect(byId.get('ops:cfg-pool@example.com')).toMatchObject({
      kind: 'config',
      services: ['checkout'],
      operator: 'Zhang Wei',
      startsAt: '2026-12-02T03:15:00.000Z',
      status: 'planned',
    });
    expect(byId.get('ops:db-maint@example.com')).toMatchObject({
      kind: 'database',
      services: ['orders-db', 'orders'],
      startsAt: '2026-12-05T09:00:00.000Z',
      endsAt: '2026-12-05T11:00:00.000Z',
      status: 'failed',
    });
    expect(byId.get('ops:net-cancelled@example.com')).toMatchObject({ kind: 'network', status: 'cancelled' });
  });

  it('bounds an RRULE without end by the window: a daily drill since 2020 gives one occurrence a day', async () => {
    const drills = (await poll('ops.ics')).changes.filter((change) => change.title.includes('drill'));
    expect(drills).toHaveLength(15);
    expect(drills[0]).toMatchObject({
      kind: 'drill',
      startsAt: '2026-12-01T01:00:00.000Z',
      endsAt: '2026-12-01T01:30:00.000Z',
    });
  });

  it('keeps the phase of a series that began long ago (every other Monday since 2025) and counts COUNT from its start', async () => {
    const changes = (await poll('ops.ics')).changes;
    const starts = (uid: string) =>
      changes.filter((change) => change.id.startsWith(`ops:${uid}`)).map((change) => change.startsAt);
    // 2025-01-06 + 100 weeks is 2026-12-07; 2026-11-30 (99 weeks) and 2026-12-14 are not in the series.
    expect(starts('biweekly@')).toEqual(['2026-12-07T10:00:00.000Z']);
    expect(starts('three-days@')).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-02T10:00:00.000Z']);
  });

  it('takes the configured category map over the defaults', async () => {
    const batch = await poll('ops.ics', '    categories: { Capacity: infra, DBA: other }\n');
    const kinds = new Map(batch.changes.map((change) => [change.id, change.kind]));
    expect(kinds.get('ops:cfg-pool@example.com')).toBe('config'); // the first category that maps wins
    expect(kinds.get('ops:db-maint@example.com')).toBe('other');
  });
});

describe('kind: ical, broken calendars end in a sentence about the source', () => {
  it.each([
    ['not-ical.ics', /source "ops": .*not-ical\.ics is not iCalendar .*looks like an HTML or XML page/],
    [
      'unterminated.ics',
      /unterminated\.ics is not valid iCalendar: component began but did not end \(a BEGIN: without its END:/,
    ],
    ['broken-line.ics', /broken-line\.ics line 6 is not valid iCalendar: invalid line/],
    [
      'unknown-tzid.ics',
      /event mars@example.com uses TZID=Mars\/Olympus_Mons, which neither the calendar .* knows/,
    ],
    [
      'secondly-forever.ics',
      /event tick@example.com repeats more than 50000 times before the window ends; give its RRULE an UNTIL or COUNT/,
    ],
    ['missing.ics', /cannot read .*missing\.ics \(no such file\); fix file: in the config/],
  ])('%s', async (file, message) => {
    await expect(poll(file)).rejects.toThrow(message);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const big = join(scratch, 'big.ics');
    writeFileSync(big, `BEGIN:VCALENDAR\r\n${'X-PAD:'.padEnd(1000, 'x')}\r\n`.repeat(20_000));
    await expect(poll(big, '    maxResponseSize: 10MB\n')).rejects.toThrow(
      /big\.ics is 19 MB, over the 10 MB limit; raise maxResponseSize:/,
    );
  });
});
