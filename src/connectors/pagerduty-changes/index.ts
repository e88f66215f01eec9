import { z } from 'zod';
import type { ChangeRecord, PollProducts } from '../../domain/index.js';
import type { HttpResponse } from '../../http/types.js';
import { describeFailure, joinUrl, parseJsonResponse, send } from '../common/fetch-json.js';
import { safeHttpUrl } from '../common/map-labels.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { pagerdutyChangesConfigSchema } from './config.js';
import type { PagerdutyChangesSourceConfig } from './config.js';

const PAGERDUTY_MEDIA_TYPE = 'application/vnd.pagerduty+json;version=2';

/** PagerDuty's page size limit for this endpoint. */
const PAGE_LIMIT = 100;
/** At most this many pages per poll (10 000 change events in the window). */
const MAX_PAGES = 100;

/** One change event as `GET /change_events` answers it (PagerDuty REST API v2). */
const changeEventSchema = z.object({
  id: z.string(),
  summary: z.string(),
  timestamp: z.string(),
  type: z.string().optional(),
  source: z.string().nullish(),
  services: z.array(z.object({ id: z.string(), summary: z.string().nullish() })).default([]),
  custom_details: z.record(z.string(), z.unknown()).nullish(),
  links: z.array(z.object({ href: z.string(), text: z.string().nullish() })).default([]),
});

const pageSchema = z.object({
  change_events: z.array(changeEventSchema),
  limit: z.number().optional(),
  offset: z.number().optional(),
  more: z.boolean().optional(),
});

type ChangeEvent = z.output<typeof changeEventSchema>;

function mapEvent(event: ChangeEvent, source: PagerdutyChangesSourceConfig): ChangeRecord | undefined {
  const at = Date.parse(event.timestamp);
  if (Number.isNaN(at)) return undefined;
  const details = event.custom_details ?? {};
  const operator = ['user', 'author', 'triggered_by', 'deployer']
    .map((key) => details[key])
    .find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const environment = typeof details.environment === 'string' ? details.environment : undefined;
  const url = safeHttpUrl(event.links[0]?.href);
  return {
    id: `${source.id}:${event.id}`,
    sourceId: source.id,
    title: event.summary,
    description: event.source ?? '',
    kind: source.changeKind,
    services: event.services.map((service) => service.summary ?? service.id),
    ...(environment ? { environment } : {}),
    ...(operator ? { operator } : {}),
    startsAt: new Date(at).toISOString(),
    endsAt: new Date(at).toISOString(),
    status: 'done',
    ...(url ? { url } : {}),
  };
}

/** Every page of change events in [now - past, now]. */
async function poll(ctx: ConnectorContext<PagerdutyChangesSourceConfig>): Promise<PollProducts> {
  const { source } = ctx;
  const nowMs = ctx.clock.now();
  const since = new Date(nowMs - source.pastMs).toISOString();
  const until = new Date(nowMs).toISOString();
  const changes: ChangeRecord[] = [];
  for (let page = 0, offset = 0; ; page += 1) {
    if (page >= MAX_PAGES) {
      throw new SourceError(
        `source "${source.id}": more than ${MAX_PAGES * PAGE_LIMIT} change events in the window; shorten window.past or filter by teamIds`,
      );
    }
    const query = new URLSearchParams({ since, until, limit: String(PAGE_LIMIT), offset: String(offset) });
    for (const team of source.teamIds) query.append('team_ids[]', team);
    const url = joinUrl(source.urls[0] ?? '', `/change_events?${query.toString()}`);
    let response: HttpResponse;
    try {
      // PagerDuty's REST API v2 media type, as its docs ask clients to send.
      response = await send(ctx, { url, method: 'GET', headers: { accept: PAGERDUTY_MEDIA_TYPE } });
    } catch (error) {
      throw describeFailure(ctx, 'GET /change_events', error);
    }
    const answer = parseJsonResponse(ctx, 'GET /change_events', response, pageSchema);
    for (const event of answer.change_events) {
      const change = mapEvent(event, source);
      if (change) changes.push(change);
    }
    if (!answer.more || answer.change_events.length === 0) break;
    offset += answer.change_events.length;
  }
  return {
    changes: { sourceId: source.id, takenAt: until, from: since, to: until, changes, freezes: [] },
  };
}

/** PagerDuty change events (deploys and other changes sent to PagerDuty's Events API). */
export const pagerdutyChangesConnector: Connector<PagerdutyChangesSourceConfig, undefined> = {
  kind: 'pagerduty-changes',
  configSchema: pagerdutyChangesConfigSchema,
  produces: ['changes'],
  createState: () => undefined,
  poll,
  actions: {},
};
