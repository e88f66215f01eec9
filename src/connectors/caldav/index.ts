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
} from './multistatus.js';

/** The calendar objects of the last poll by href: only those whose ETag changed are fetched again. */
export type CaldavState = {
  items: Map<string, Readonly<{ etag: string; text: string }>>;
  /** Each event's last expansion, cut to the next window while its text is unchanged. */
  memo: ExpansionMemo;
};

/** Hrefs per calendar-multiget: keeps each answer well under the byte cap. */
const MULTIGET_BATCH = 200;

async function report(
  ctx: ConnectorContext<CaldavSourceConfig>,
  what: string,
  body: string,
): Promise<string> {
  const url = ctx.source.urls[0] ?? '';
  let response: HttpResponse;
  try {
    response = await send(ctx, {
      url,
      method: 'REPORT',
      headers: { depth: '1', accept: 'application/xml, text/xml' },
      text: { contentType: 'application/xml; charset=utf-8', body },
    });
  } catch (error) {
    throw describeFailure(ctx, `REPORT ${url}`, error);
  }
  const where = `source "${ctx.source.id}": REPORT ${url} (${what})`;
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

function readMultistatus(ctx: ConnectorContext<CaldavSourceConfig>, what: string, xml: string) {
  try {
    return parseMultistatus(xml);
  } catch (error) {
    if (error instanceof MultistatusError) {
      throw new SourceError(
        `source "${ctx.source.id}": the ${what} answer of ${ctx.source.urls[0] ?? ''} cannot be read: ${error.message}`,
      );
    }
    throw error;
  }
}

/**
 * One poll: a calendar-query for the ETags of the events in the window, a calendar-multiget for the
 * new and changed ones, then expansion of every event on this side (overrides, zones, all-day).
 */
async function poll(ctx: ConnectorContext<CaldavSourceConfig>, state: CaldavState): Promise<PollProducts> {
  const { source } = ctx;
  const range = pollRange(ctx, source.calendar);
  const listed = readMultistatus(
    ctx,
    'calendar-query',
    await report(ctx, 'calendar-query', calendarQueryBody(range.fromMs, range.toMs)),
  );
  const items = new Map<string, Readonly<{ etag: string; text: string }>>();
  const wanted: string[] = [];
  for (const item of listed) {
    const known = state.items.get(item.href);
    if (known && item.etag && known.etag === item.etag) items.set(item.href, known);
    else wanted.push(item.href);
  }
  for (let start = 0; start < wanted.length; start += MULTIGET_BATCH) {
    const batch = wanted.slice(start, start + MULTIGET_BATCH);
    const fetched = readMultistatus(
      ctx,
      'calendar-multiget',
      await report(ctx, 'calendar-multiget', calendarMultigetBody(batch)),
    );
    for (const item of fetched) {
      if (item.calendarData === undefined) continue;
      items.set(item.href, { etag: item.etag ?? '', text: item.calendarData });
    }
  }
  const expanded: Expanded = { changes: [], freezes: [] };
  for (const [href, item] of items) {
    try {
      expandText(
        state.memo,
        item.text,
        href,
        { sourceId: source.id, mapping: source.calendar, ...range },
        expanded,
      );
    } catch (error) {
      if (error instanceof CalendarError) throw new SourceError(`source "${source.id}": ${error.message}`);
      throw error;
    }
  }
  keepOnly(state.memo, new Set(items.keys()));
  state.items = items;
  return { changes: changeBatch(source.id, range, expanded) };
}

/** A CalDAV calendar collection (RFC 4791): changes and freeze windows, incremental by ETag. */
export const caldavConnector: Connector<CaldavSourceConfig, CaldavState> = {
  kind: 'caldav',
  configSchema: caldavConfigSchema,
  produces: ['changes'],
  createState: () => ({ items: new Map(), memo: new Map() }),
  poll,
  actions: {},
};
