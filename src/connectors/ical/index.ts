import { readFile, stat } from 'node:fs/promises';
import type { ChangeBatch, PollProducts } from '../../domain/index.js';
import type { CalendarMapping } from '../calendar/mapping.js';
import { describeFailure, send } from '../common/fetch-json.js';
import { CalendarError, expandCalendar, parseCalendar } from '../calendar/expand.js';
import type { Expanded } from '../calendar/expand.js';
import { expandText, keepOnly } from '../calendar/expansion-memo.js';
import type { ExpansionMemo } from '../calendar/expansion-memo.js';
import { changeBatch, pollRange } from '../calendar/window.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { icalConfigSchema } from './config.js';
import type { IcalSourceConfig } from './config.js';

/**
 * The feed's text as of the last poll, so a `304 Not Modified` costs nothing but a fetch, and its
 * expansion, so an unchanged calendar is cut to the new window instead of expanded again.
 */
export type IcalState = { etag?: string; text?: string; memo: ExpansionMemo };

async function readCalendarFile(ctx: ConnectorContext<IcalSourceConfig>, file: string): Promise<string> {
  const { source } = ctx;
  try {
    const info = await stat(file);
    if (info.size > source.maxBytes) {
      throw new SourceError(
        `source "${source.id}": ${file} is ${Math.round(info.size / 1024 / 1024)} MB, over the ${Math.round(source.maxBytes / 1024 / 1024)} MB limit; raise maxResponseSize: if the calendar is really that large`,
      );
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof SourceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(
      `source "${source.id}": cannot read ${file} (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}); fix file: in the config`,
    );
  }
}

async function fetchFeed(ctx: ConnectorContext<IcalSourceConfig>, url: string, state: IcalState) {
  const headers: Record<string, string> = { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1' };
  if (state.etag && state.text !== undefined) headers['if-none-match'] = state.etag;
  let response;
  try {
    response = await send(ctx, { url, method: 'GET', headers });
  } catch (error) {
    throw describeFailure(ctx, `GET ${url}`, error);
  }
  if (response.status === 304 && state.text !== undefined) return { text: state.text, etag: state.etag };
  if (response.status < 200 || response.status >= 300) {
    const hint = response.status === 401 || response.status === 403 ? ' (check auth: for this source)' : '';
    throw new SourceError(`source "${ctx.source.id}": GET ${url} answered HTTP ${response.status}${hint}`);
  }
  return { text: response.body.toString('utf8'), etag: response.headers.etag };
}

/**
 * Parses and expands one iCalendar text over the source's window (through `memo` when the caller
 * keeps one across polls); a broken one is a SourceError.
 */
export function calendarBatch(
  ctx: ConnectorContext,
  text: string,
  what: string,
  mapping: CalendarMapping,
  memo?: ExpansionMemo,
): ChangeBatch {
  const range = pollRange(ctx, mapping);
  const expanded: Expanded = { changes: [], freezes: [] };
  const options = { sourceId: ctx.source.id, mapping, ...range };
  try {
    if (memo) {
      expandText(memo, text, what, options, expanded);
      keepOnly(memo, new Set([what]));
    } else expandCalendar(parseCalendar(text, what), what, options, expanded);
  } catch (error) {
    if (error instanceof CalendarError) throw new SourceError(`source "${ctx.source.id}": ${error.message}`);
    throw error;
  }
  return changeBatch(ctx.source.id, range, expanded);
}

/** Reads the feed (or file), expands it over the source's window and reports changes and freezes. */
async function poll(ctx: ConnectorContext<IcalSourceConfig>, state: IcalState): Promise<PollProducts> {
  const { source } = ctx;
  const url = source.urls[0];
  const feed = source.file
    ? { text: await readCalendarFile(ctx, source.file) }
    : url
      ? await fetchFeed(ctx, url, state)
      : undefined;
  if (!feed) throw new SourceError(`source "${source.id}" has neither url: nor file:`);
  const what = source.file ?? url ?? source.id;
  const batch = calendarBatch(ctx, feed.text, what, source.calendar, state.memo);
  state.etag = 'etag' in feed ? feed.etag : undefined;
  state.text = 'etag' in feed ? feed.text : undefined;
  return { changes: batch };
}

/** An iCalendar feed or file: changes and freeze windows, recurrences expanded here. */
export const icalConnector: Connector<IcalSourceConfig, IcalState> = {
  kind: 'ical',
  configSchema: icalConfigSchema,
  produces: ['changes'],
  createState: () => ({ memo: new Map() }),
  poll,
  actions: {},
};
