import { z } from 'zod';
import { CHANGE_KINDS } from '../../domain/index.js';
import type { ChangeKind, ChangeRecord, ChangeStatus, PollProducts } from '../../domain/index.js';
import { getJson } from '../common/fetch-json.js';
import { safeHttpUrl } from '../common/map-labels.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { changesJsonConfigSchema } from './config.js';
import type { ChangesJsonSourceConfig } from './config.js';

/** Status words of common CI/CD systems (GitHub, GitLab, Argo CD, Jenkins…), lower-case. */
const STATUS_WORDS: Readonly<Record<string, ChangeStatus>> = {
  success: 'done',
  succeeded: 'done',
  successful: 'done',
  done: 'done',
  completed: 'done',
  finished: 'done',
  healthy: 'done',
  synced: 'done',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
  errored: 'failed',
  degraded: 'failed',
  running: 'in-progress',
  in_progress: 'in-progress',
  'in-progress': 'in-progress',
  progressing: 'in-progress',
  started: 'in-progress',
  pending: 'planned',
  queued: 'planned',
  scheduled: 'planned',
  waiting: 'planned',
  planned: 'planned',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  aborted: 'cancelled',
  skipped: 'cancelled',
};

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const textAt = (value: unknown, path: string | undefined): string | undefined => {
  if (path === undefined) return undefined;
  const found = at(value, path);
  if (typeof found === 'string') return found.trim() || undefined;
  if (typeof found === 'number' || typeof found === 'boolean') return String(found);
  return undefined;
};

/** ISO text, or epoch seconds / milliseconds as a number or digits. */
function timeAt(value: unknown, path: string | undefined): number | undefined {
  if (path === undefined) return undefined;
  const found = at(value, path);
  const number =
    typeof found === 'number'
      ? found
      : typeof found === 'string' && /^\d+$/.test(found)
        ? Number(found)
        : undefined;
  if (number !== undefined) return number < 1e11 ? number * 1000 : number;
  if (typeof found !== 'string') return undefined;
  const ms = Date.parse(found);
  return Number.isNaN(ms) ? undefined : ms;
}

function servicesAt(value: unknown, path: string | undefined): string[] {
  if (path === undefined) return [];
  const found = at(value, path);
  const list = Array.isArray(found) ? found : [found];
  return list
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((item) => item.trim());
}

function mapRecord(
  item: unknown,
  index: number,
  source: ChangesJsonSourceConfig,
  nowMs: number,
): ChangeRecord {
  const { fields } = source;
  const where = `source "${source.id}": item ${index} of the answer`;
  const title = textAt(item, fields.title);
  if (title === undefined)
    throw new SourceError(`${where} has no text at fields.title (${fields.title}); fix the field path`);
  const startMs = timeAt(item, fields.startsAt);
  if (startMs === undefined) {
    throw new SourceError(
      `${where} has no time at fields.startsAt (${fields.startsAt}); it must be ISO text or epoch seconds/ms`,
    );
  }
  const endMs = timeAt(item, fields.endsAt);
  const statusWord = textAt(item, fields.status)?.toLowerCase();
  const declared = statusWord === undefined ? undefined : STATUS_WORDS[statusWord];
  // Without an end, a running deploy lasts until now and a finished one a moment.
  const status: ChangeStatus = declared ?? (endMs === undefined && startMs > nowMs ? 'planned' : 'done');
  const kindWord = textAt(item, fields.kind)?.toLowerCase();
  const kind: ChangeKind = (CHANGE_KINDS as readonly string[]).includes(kindWord ?? '')
    ? (kindWord as ChangeKind)
    : source.defaultKind;
  const id = textAt(item, fields.id) ?? `${title}@${startMs}`;
  const environment = textAt(item, fields.environment);
  const operator = textAt(item, fields.operator);
  const url = safeHttpUrl(textAt(item, fields.url));
  const ending = endMs ?? (status === 'in-progress' ? Math.max(nowMs, startMs) : startMs);
  return {
    id: `${source.id}:${id}`,
    sourceId: source.id,
    title,
    description: textAt(item, fields.description) ?? '',
    kind,
    services: servicesAt(item, fields.service),
    ...(environment ? { environment } : {}),
    ...(operator ? { operator } : {}),
    startsAt: new Date(startMs).toISOString(),
    endsAt: new Date(Math.max(ending, startMs)).toISOString(),
    status,
    ...(url ? { url } : {}),
  };
}

/** One GET of the feed over the window, mapped by the configured field paths. */
async function poll(ctx: ConnectorContext<ChangesJsonSourceConfig>): Promise<PollProducts> {
  const { source } = ctx;
  const nowMs = ctx.clock.now();
  const fromMs = nowMs - source.pastMs;
  const toMs = nowMs + source.aheadMs;
  const url = (source.urls[0] ?? '')
    .replace('{from}', encodeURIComponent(new Date(fromMs).toISOString()))
    .replace('{to}', encodeURIComponent(new Date(toMs).toISOString()));
  const answer = await getJson(ctx, url, `GET ${url}`, z.unknown());
  const items = source.items === '' ? answer : at(answer, source.items);
  if (!Array.isArray(items)) {
    throw new SourceError(
      `source "${source.id}": GET ${url} has no array at ${source.items === '' ? 'the top level' : `items: ${source.items}`}; set items: to the path of the list`,
    );
  }
  const changes = items
    .map((item, index) => mapRecord(item, index, source, nowMs))
    .filter((change) => Date.parse(change.endsAt) >= fromMs && Date.parse(change.startsAt) < toMs);
  return {
    changes: {
      sourceId: source.id,
      takenAt: new Date(nowMs).toISOString(),
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      changes,
      freezes: [],
    },
  };
}

/** A generic deploy feed: a JSON list of deploys, mapped by field paths. */
export const changesJsonConnector: Connector<ChangesJsonSourceConfig, undefined> = {
  kind: 'changes-json',
  configSchema: changesJsonConfigSchema,
  produces: ['changes'],
  createState: () => undefined,
  poll,
  actions: {},
};
