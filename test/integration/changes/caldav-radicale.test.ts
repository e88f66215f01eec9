import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfigOf } from '../../../src/config/schema.js';
import { caldavConnector } from '../../../src/connectors/caldav/index.js';
import type { CaldavState } from '../../../src/connectors/caldav/index.js';
import type { ConnectorContext } from '../../../src/connectors/types.js';
import type { ChangeBatch } from '../../../src/domain/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import type { HttpRequest, HttpResponse, IHttpClient } from '../../../src/http/types.js';
import { silentLogger } from '../../../src/logger.js';
import { requireBinary } from '../../support/binaries.js';
import { RADICALE_BINARY, startRadicale } from '../../support/radicale.js';
import type { RealRadicale } from '../../support/radicale.js';

const { available } = requireBinary(RADICALE_BINARY, 'radicale');
const NOW = Date.parse('2026-12-02T00:00:00Z');

const VTIMEZONE = `BEGIN:VTIMEZONE
TZID:Asia/Shanghai
BEGIN:STANDARD
TZOFFSETFROM:+0800
TZOFFSETTO:+0800
TZNAME:CST
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE`;

const ics = (body: string) =>
  `BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//cockpit tests//EN\n${body}\nEND:VCALENDAR\n`.replace(
    /\n/g,
    '\r\n',
  );

// Weekly Mon/Wed/Fri 10:00 Asia/Shanghai, Dec 4 excluded, Dec 9 moved to 15:30 by RECURRENCE-ID.
const TRAIN = ics(`${VTIMEZONE}
BEGIN:VEVENT
UID:train@cockpit.test
DTSTAMP:20261130T000000Z
DTSTART;TZID=Asia/Shanghai:20261130T100000
DTEND;TZID=Asia/Shanghai:20261130T103000
RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=9
EXDATE;TZID=Asia/Shanghai:20261204T100000
SUMMARY:[payments] release train
CATEGORIES:发布
ORGANIZER;CN=Wang Fang:mailto:wf@cockpit.test
END:VEVENT
BEGIN:VEVENT
UID:train@cockpit.test
DTSTAMP:20261130T000000Z
RECURRENCE-ID;TZID=Asia/Shanghai:20261209T100000
DTSTART;TZID=Asia/Shanghai:20261209T153000
DTEND;TZID=Asia/Shanghai:20261209T160000
SUMMARY:[payments] release train (after the audit)
CATEGORIES:发布
END:VEVENT`);

const FREEZE = ics(`BEGIN:VEVENT
UID:freeze@cockpit.test
DTSTAMP:20261130T000000Z
DTSTART;VALUE=DATE:20261205
DTEND;VALUE=DATE:20261207
SUMMARY:weekend sale
CATEGORIES:FREEZE
X-ENVIRONMENT:prod
END:VEVENT`);

const pushConfig = (summary: string) =>
  ics(`BEGIN:VEVENT
UID:push@cockpit.test
DTSTAMP:20261130T000000Z
DTSTART:20261202T060000Z
DTEND:20261202T061000Z
SUMMARY:${summary}
X-SERVICE:checkout
CATEGORIES:CONFIG
END:VEVENT`);

function sourceFor(url: string, auth = ''): SourceConfigOf<'caldav'> {
  const yaml = `sources:\n  - id: releases\n    kind: caldav\n    url: ${url}\n    timezone: Asia/Shanghai\n    window: { past: 1d, ahead: 14d }\n${auth}`;
  return parseConfig(yaml, 'cockpit.yaml', {}).sources[0] as SourceConfigOf<'caldav'>;
}

/**
 * The real client, counting the requests it sends (to see that unchanged events are not fetched
 * again); `answer` may stand in for the server on the requests it returns a response for.
 */
function countingClient(
  answer: (body: string) => HttpResponse | undefined = () => undefined,
): IHttpClient & { bodies: string[] } {
  const client = createHttpClient();
  const bodies: string[] = [];
  return {
    bodies,
    request(request: HttpRequest) {
      const body = request.text?.body ?? '';
      bodies.push(body);
      const instead = answer(body);
      return instead ? Promise.resolve(instead) : client.request(request);
    },
  };
}

const isSync = (body: string) => body.includes('sync-collection');
const isMultiget = (body: string) => body.includes('calendar-multiget');
const fakeAnswer = (status: number, text: string): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body: Buffer.from(text),
  url: 'http://127.0.0.1/',
});

async function poll(
  source: SourceConfigOf<'caldav'>,
  state: CaldavState,
  http: IHttpClient = createHttpClient(),
) {
  const ctx: ConnectorContext<SourceConfigOf<'caldav'>> = {
    source,
    http,
    clock: { now: () => NOW },
    logger: silentLogger,
    signal: new AbortController().signal,
  };
  const products = await caldavConnector.poll(ctx, state);
  return products.changes as ChangeBatch;
}

describe.runIf(available)('kind: caldav against a real Radicale', () => {
  let radicale: RealRadicale;
  let calendar: string;
  let auth: string;

  beforeAll(async () => {
    radicale = await startRadicale();
    calendar = await radicale.createCalendar('releases');
    auth = `    auth: { basic: { username: ${radicale.username}, password: ${radicale.password} } }\n`;
    await radicale.put(calendar, 'train', TRAIN);
    await radicale.put(calendar, 'freeze', FREEZE);
    await radicale.put(calendar, 'push', pushConfig('[checkout] pool size 80'));
  });
  afterAll(async () => radicale?.dispose());

  it('reads the window: RRULE + EXDATE in Asia/Shanghai, the RECURRENCE-ID override, an all-day freeze', async () => {
    const source = sourceFor(calendar, auth);
    const batch = await poll(source, caldavConnector.createState(source));
    const train = batch.changes.filter((change) => change.id.startsWith('releases:train@'));
    // Hand-computed: 10:00 CST is 02:00Z; Dec 1 is outside the window's start (Dec 1 00:00Z) only for Nov 30.
    expect(train.map((change) => [change.startsAt, change.title])).toEqual([
      ['2026-12-02T02:00:00.000Z', '[payments] release train'],
      ['2026-12-07T02:00:00.000Z', '[payments] release train'],
      ['2026-12-09T07:30:00.000Z', '[payments] release train (after the audit)'],
      ['2026-12-11T02:00:00.000Z', '[payments] release train'],
      ['2026-12-14T02:00:00.000Z', '[payments] release train'],
    ]);
    expect(train[0]).toMatchObject({ kind: 'release', services: ['payments'], operator: 'Wang Fang' });
    expect(batch.freezes).toMatchObject([
      {
        name: 'weekend sale',
        startsAt: '2026-12-04T16:00:00.000Z',
        endsAt: '2026-12-06T16:00:00.000Z',
        environments: ['prod'],
      },
    ]);
    expect(batch.changes.find((change) => change.id === 'releases:push@cockpit.test')).toMatchObject({
      title: '[checkout] pool size 80',
      kind: 'config',
      services: ['checkout'],
    });
  });

  it('shows an edited event changed and a deleted one gone on the next poll, fetching only what changed', async () => {
    const source = sourceFor(calendar, auth);
    const state = caldavConnector.createState(source);
    await poll(source, state);
    await radicale.put(calendar, 'push', pushConfig('[checkout] pool size 120'));
    await radicale.remove(calendar, 'freeze');
    const http = countingClient();
    const batch = await poll(source, state, http);
    expect(batch.changes.find((change) => change.id === 'releases:push@cockpit.test')?.title).toBe(
      '[checkout] pool size 120',
    );
    expect(batch.freezes).toEqual([]);
    // One sync-collection from the first poll's token, then a multiget of only the edited object.
    expect(http.bodies).toHaveLength(2);
    expect(http.bodies[0]).toMatch(/<D:sync-token>[^<]+<\/D:sync-token>/);
    expect(http.bodies[1]).toContain('/push.ics');
    expect(http.bodies[1]).not.toContain('/train.ics');
    await radicale.put(calendar, 'freeze', FREEZE);
  });

  it('asks only what changed since its sync token: an added event, then an edited one, then a deleted one', async () => {
    const source = sourceFor(calendar, auth);
    const state = caldavConnector.createState(source);
    await poll(source, state);
    const firstToken = state.syncToken;
    expect(firstToken).toBeTruthy();

    await radicale.put(
      calendar,
      'rollback',
      pushConfig('[checkout] roll back pool size').replace('push@', 'rollback@'),
    );
    const added = countingClient();
    let batch = await poll(source, state, added);
    expect(batch.changes.map((change) => change.title)).toContain('[checkout] roll back pool size');
    expect(added.bodies).toHaveLength(2);
    expect(added.bodies[0]).toContain(`<D:sync-token>${firstToken ?? '?'}</D:sync-token>`);
    expect(added.bodies[1]).toContain('/rollback.ics');
    expect(added.bodies[1]).not.toContain('/push.ics');
    expect(state.syncToken).not.toBe(firstToken);

    await radicale.put(
      calendar,
      'rollback',
      pushConfig('[checkout] roll back to pool 60').replace('push@', 'rollback@'),
    );
    const edited = countingClient();
    batch = await poll(source, state, edited);
    expect(batch.changes.find((change) => change.id === 'releases:rollback@cockpit.test')?.title).toBe(
      '[checkout] roll back to pool 60',
    );
    expect(edited.bodies.filter(isMultiget)).toEqual([expect.stringContaining('/rollback.ics')]);
    expect(edited.bodies[1]).not.toContain('/train.ics');
    // Unchanged events are still there, from the state.
    expect(batch.changes.some((change) => change.id.startsWith('releases:train@'))).toBe(true);

    await radicale.remove(calendar, 'rollback');
    const deleted = countingClient();
    batch = await poll(source, state, deleted);
    expect(batch.changes.some((change) => change.id === 'releases:rollback@cockpit.test')).toBe(false);
    expect(batch.changes.some((change) => change.id === 'releases:push@cockpit.test')).toBe(true);
    // The deletion comes in the sync answer itself: nothing to fetch.
    expect(deleted.bodies).toHaveLength(1);
  });

  it('lists the whole calendar again when the server refuses the sync token', async () => {
    const source = sourceFor(calendar, auth);
    const state = caldavConnector.createState(source);
    const fresh = await poll(source, state);
    state.syncToken = 'http://radicale.org/ns/sync/not-a-token-it-ever-gave';
    const http = countingClient();
    const batch = await poll(source, state, http);
    const byId = (list: readonly { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(batch.changes)).toEqual(byId(fresh.changes));
    expect(batch.freezes).toEqual(fresh.freezes);
    // The refused one, then one without a token; nothing changed, so nothing is fetched.
    expect(http.bodies.filter(isSync)).toHaveLength(2);
    expect(http.bodies[1]).toContain('<D:sync-token></D:sync-token>');
    expect(http.bodies.filter(isMultiget)).toHaveLength(0);
    expect(state.syncToken).toMatch(/^http:\/\/radicale\.org\/ns\/sync\//);
    expect(state.syncToken).not.toContain('not-a-token');
  });

  it('keeps the last good items and token when a poll fails half way, and catches up on the next', async () => {
    const source = sourceFor(calendar, auth);
    const state = caldavConnector.createState(source);
    await poll(source, state);
    const token = state.syncToken;
    const items = state.items;
    await radicale.put(calendar, 'push', pushConfig('[checkout] pool size 200'));
    const failing = countingClient((body) => (isMultiget(body) ? fakeAnswer(503, 'down') : undefined));
    await expect(poll(source, state, failing)).rejects.toThrow(/calendar-multiget\) answered HTTP 503/);
    expect(state.syncToken).toBe(token);
    expect(state.items).toBe(items);
    const batch = await poll(source, state);
    expect(batch.changes.find((change) => change.id === 'releases:push@cockpit.test')?.title).toBe(
      '[checkout] pool size 200',
    );
    await radicale.put(calendar, 'push', pushConfig('[checkout] pool size 80'));
  });

  it('falls back to calendar-query for the window on a server without sync-collection', async () => {
    const source = sourceFor(calendar, auth);
    const state = caldavConnector.createState(source);
    const unsupported = fakeAnswer(
      403,
      '<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:supported-report/></D:error>',
    );
    const http = countingClient((body) => (isSync(body) ? unsupported : undefined));
    const batch = await poll(source, state, http);
    expect(batch.changes.some((change) => change.id === 'releases:push@cockpit.test')).toBe(true);
    expect(http.bodies.map((body) => /<[A-Z]:([a-z-]+) xmlns/.exec(body)?.[1])).toEqual([
      'sync-collection',
      'calendar-query',
      'calendar-multiget',
    ]);
    expect(state.syncSupported).toBe(false);
    // It does not ask again.
    const again = countingClient((body) => (isSync(body) ? unsupported : undefined));
    await poll(source, state, again);
    expect(again.bodies.filter(isSync)).toHaveLength(0);
  });

  it('says so when the password is wrong (401)', async () => {
    const source = sourceFor(
      calendar,
      `    auth: { basic: { username: ${radicale.username}, password: wrong } }\n`,
    );
    await expect(poll(source, caldavConnector.createState(source))).rejects.toThrow(
      /source "releases": REPORT .*releases\/ \(sync-collection\) answered HTTP 401; check auth: for this source/,
    );
  });
});

describe('kind: caldav, servers that answer badly', () => {
  let server: Server;
  let base: string;
  let otherOrigin: string;
  let other: Server;

  beforeAll(async () => {
    other = createServer((_request, response) => response.end('should never be reached'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherPort = (other.address() as { port: number }).port;
    otherOrigin = `http://127.0.0.1:${otherPort}`;
    server = createServer((request, response) => {
      if (request.url?.startsWith('/broken/')) {
        response.writeHead(207, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/x');
      } else if (request.url?.startsWith('/moved/')) {
        response.writeHead(307, { location: `${otherOrigin}/cal/` });
        response.end();
      } else {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>not a calendar</html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => other.close(resolve));
  });

  it.each([
    [
      '/broken/',
      /the sync-collection answer of .*\/broken\/ cannot be read: the XML is broken \(unclosed xml tag/,
    ],
    ['/html/', /answered HTTP 200 instead of 207 Multi-Status; is this a CalDAV calendar\?/],
    [
      '/moved/',
      /was redirected \(HTTP 307\) .* to http:\/\/127\.0\.0\.1:\d+; the redirect was not followed because credentials are never sent to another host/,
    ],
  ])('%s ends in a sentence on the source', async (path, message) => {
    const source = sourceFor(`${base}${path}`, '    auth: { bearer: calendar-token }\n');
    await expect(poll(source, caldavConnector.createState(source))).rejects.toThrow(message);
  });
});
