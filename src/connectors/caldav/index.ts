import type { PollProducts } from '../../domain/index.js';
import type { HttpResponse } from '../../http/types.js';
import { describeFailure, send } from '../common/fetch-json.js';
import { CalendarError } from '../calendar/expand.js';
import type { Expanded } from '../calendar/expand.js';
import { expandText, keepOnly } from '../calendar/expansion-memo.js';
import type { ExpansionMemo } from '../calendar/expansion-memo.js';
import { changeBatch, pollRange } from '../calendar/window.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { caldavConfigSchema } from './config.js';
import type { CaldavSourceConfig } from './config.js';
import {
  calendarMultigetBody,
  calendarQueryBody,
  MultistatusError,
  parseMultistatus,
  parseSyncCollection,
  syncCollectionBody,
} from './multistatus.js';

type Item = Readonly<{ etag: string; text: string }>;

/**
 * The calendar objects of the last good poll by href (only those whose ETag changed are fetched
 * again) and, when the server keeps one, the collection's sync token: then a poll asks only what
 * changed since (RFC 6578 sync-collection) and the items are the whole collection, not the window.
 */
export type CaldavState = {
  items: Map<string, Item>;
  syncToken?: string;
  /** False once the server refused sync-collection itself: polls list the window by calendar-query. */
  syncSupported: boolean;
  /** Each event's last expansion, cut to the next window while its text is unchanged. */
  memo: ExpansionMemo;
};

/** Hrefs per calendar-multiget: keeps each answer well under the byte cap. */
const MULTIGET_BATCH = 200;

async function sendReport(
  ctx: ConnectorContext<CaldavSourceConfig>,
  body: string,
  depth: '0' | '1',
): Promise<HttpResponse> {
  const url = ctx.source.urls[0] ?? '';
  try {
    return await send(ctx, {
      url,
      method: 'REPORT',
      headers: { depth, accept: 'application/xml, text/xml' },
      text: { contentType: 'application/xml; charset=utf-8', body },
    });
  } catch (error) {
    throw describeFailure(ctx, `REPORT ${url}`, error);
  }
}

/** The body of a 207 answer; any other status is a SourceError saying what to check. */
function multistatusBody(ctx: ConnectorContext<CaldavSourceConfig>, what: string, response: HttpResponse) {
  const where = `source "${ctx.source.id}": REPORT ${ctx.source.urls[0] ?? ''} (${what})`;
  if (response.status === 401 || response.status === 403) {
    throw new SourceError(`${where} answered HTTP ${response.status}; check auth: for this source`);
  }
  if (response.status === 404) {
    throw new SourceError(
      `${where} answered HTTP 404; the url: must be a calendar collection, e.g. https://cal.example/user/calendar/`,
    );
  }
  if (response.status !== 207) {
    throw new SourceError(
      `${where} answered HTTP ${response.status} instead of 207 Multi-Status; is this a CalDAV calendar?`,
      response.retryAfterMs,
    );
  }
  return response.body.toString('utf8');
}

async function report(ctx: ConnectorContext<CaldavSourceConfig>, what: string, body: string) {
  return multistatusBody(ctx, what, await sendReport(ctx, body, '1'));
}

function readAnswer<T>(ctx: ConnectorContext<CaldavSourceConfig>, what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MultistatusError) {
      throw new SourceError(
        `source "${ctx.source.id}": the ${what} answer of ${ctx.source.urls[0] ?? ''} cannot be read: ${error.message}`,
      );
    }
    throw error;
  }
}

/** Hrefs with the ETag the server listed (undefined when it gave none: fetch it). */
type Listing = Map<string, string | undefined>;

/** RFC 6578 §3.2: a server refuses an old token with 403/409 and a DAV:valid-sync-token error. */
function refusedToken(response: HttpResponse): boolean {
  return (
    (response.status === 403 || response.status === 409) &&
    response.body.toString('utf8').includes('valid-sync-token')
  );
}

/** A server without sync-collection answers 400, 405, 501, or 403 naming DAV:supported-report. */
function noSyncCollection(response: HttpResponse): boolean {
  if (response.status === 400 || response.status === 405 || response.status === 501) return true;
  return response.status === 403 && response.body.toString('utf8').includes('supported-report');
}

/**
 * The collection's members by sync-collection: since the state's token (the last good listing with
 * what changed applied), or all of them when there is none or the server refused it. Undefined when
 * the server does not do sync-collection.
 */
async function syncListing(ctx: ConnectorContext<CaldavSourceConfig>, state: CaldavState) {
  let token = state.syncToken;
  let response = await sendReport(ctx, syncCollectionBody(token), '0');
  if (token !== undefined && refusedToken(response)) {
    ctx.logger.info(
      `source "${ctx.source.id}": the server refused the sync token; listing the whole calendar`,
    );
    token = undefined;
    response = await sendReport(ctx, syncCollectionBody(undefined), '0');
  }
  if (noSyncCollection(response)) return undefined;
  const xml = multistatusBody(ctx, 'sync-collection', response);
  const answer = readAnswer(ctx, 'sync-collection', () => parseSyncCollection(xml));
  const listing: Listing = new Map();
  if (token !== undefined) for (const [href, item] of state.items) listing.set(href, item.etag);
  for (const href of answer.removed) listing.delete(href);
  for (const item of answer.changed) listing.set(item.href, item.etag);
  return { listing, token: answer.token };
}

/** The events overlapping the window by calendar-query (RFC 4791 §7.8), with their ETags. */
async function queryListing(
  ctx: ConnectorContext<CaldavSourceConfig>,
  range: Readonly<{ fromMs: number; toMs: number }>,
): Promise<Listing> {
  const xml = await report(ctx, 'calendar-query', calendarQueryBody(range.fromMs, range.toMs));
  const listed = readAnswer(ctx, 'calendar-query', () => parseMultistatus(xml));
  return new Map(listed.map((item) => [item.href, item.etag]));
}

/** The listed items: known ones whose ETag is unchanged as they were, the others by multiget. */
async function fetchItems(ctx: ConnectorContext<CaldavSourceConfig>, state: CaldavState, listing: Listing) {
  const items = new Map<string, Item>();
  const wanted: string[] = [];
  for (const [href, etag] of listing) {
    const known = state.items.get(href);
    if (known && etag && known.etag === etag) items.set(href, known);
    else wanted.push(href);
  }
  for (let start = 0; start < wanted.length; start += MULTIGET_BATCH) {
    const batch = wanted.slice(start, start + MULTIGET_BATCH);
    const xml = await report(ctx, 'calendar-multiget', calendarMultigetBody(batch));
    // A resource deleted since the listing answers 404 and is left out: it is gone.
    for (const item of readAnswer(ctx, 'calendar-multiget', () => parseMultistatus(xml))) {
      if (item.calendarData === undefined) continue;
      items.set(item.href, { etag: item.etag ?? '', text: item.calendarData });
    }
  }
  return items;
}

/**
 * One poll: the members that changed since the last sync token (or, on a server without
 * sync-collection, a calendar-query for the ETags of the events in the window), a calendar-multiget
 * for the new and changed ones, then expansion of every event on this side (overrides, zones,
 * all-day). The state changes only when all of it succeeded, so a failed poll leaves the last good
 * items and token for the next one.
 */
async function poll(ctx: ConnectorContext<CaldavSourceConfig>, state: CaldavState): Promise<PollProducts> {
  const { source } = ctx;
  const range = pollRange(ctx, source.calendar);
  const synced = state.syncSupported ? await syncListing(ctx, state) : undefined;
  const listing = synced?.listing ?? (await queryListing(ctx, range));
  const items = await fetchItems(ctx, state, listing);
  const expanded: Expanded = { changes: [], freezes: [] };
  const options = { sourceId: source.id, mapping: source.calendar, ...range };
  for (const [href, item] of items) {
    try {
      expandText(state.memo, item.text, href, options, expanded);
    } catch (error) {
      if (error instanceof CalendarError) throw new SourceError(`source "${source.id}": ${error.message}`);
      throw error;
    }
  }
  keepOnly(state.memo, new Set(items.keys()));
  state.items = items;
  state.syncSupported = synced !== undefined;
  state.syncToken = synced?.token;
  return { changes: changeBatch(source.id, range, expanded) };
}

/** A CalDAV calendar collection (RFC 4791): changes and freeze windows, incremental by sync token (RFC 6578) or ETag. */
export const caldavConnector: Connector<CaldavSourceConfig, CaldavState> = {
  kind: 'caldav',
  configSchema: caldavConfigSchema,
  produces: ['changes'],
  createState: () => ({ items: new Map(), syncSupported: true, memo: new Map() }),
  poll,
  actions: {},
};
