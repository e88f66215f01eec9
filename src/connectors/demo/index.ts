import { z } from 'zod';
import { baseSourceFields, normalizeBase } from '../../config/source-base.js';
import { alertMappingFields, normalizeAlertMapping } from '../common/alert-mapping.js';
import { alertmanagerPolling } from '../alertmanager/index.js';
import type { AlertmanagerState } from '../alertmanager/index.js';
import {
  ackFields,
  acknowledge,
  keepAcknowledged,
  normalizeAck,
  unacknowledge,
} from '../alertmanager/ack.js';
import { createSilence, expireSilence, extendSilence, getSilences } from '../alertmanager/silence.js';
import { calendarMappingFields, normalizeCalendarMapping } from '../calendar/mapping.js';
import { describeFailure, joinUrl, send } from '../common/fetch-json.js';
import { DEFAULT_CATALOG_READING, readCatalog } from '../backstage/index.js';
import { calendarBatch } from '../ical/index.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';

/**
 * `kind: demo`: the built-in estate (src/demo). It has no URL to configure: its host starts the
 * simulator on a loopback port and gives the source that URL (startDemoSources).
 */
export const demoConfigSchema = z
  .strictObject({
    kind: z.literal('demo'),
    ...baseSourceFields,
    ...alertMappingFields,
    ...ackFields,
    /** How many alerts the simulated estate fires (scale knob). */
    demoAlerts: z.number().int().min(0).max(1_000_000).optional(),
    demoSeed: z.number().int().optional(),
  })
  .transform((source) => ({
    ...normalizeBase(source, []),
    ...normalizeAlertMapping(source),
    ...normalizeAck(source),
    demoAlerts: source.demoAlerts,
    demoSeed: source.demoSeed,
    /** The estate's Prometheus query API (its SLO traffic); set with `urls` when the estate starts. */
    prometheusUrls: [] as readonly string[],
    /** The estate's wiki of runbook pages (the alerts' runbook_url host); set when the estate starts. */
    runbooksUrls: [] as readonly string[],
  }));

export type DemoSourceConfig = z.output<typeof demoConfigSchema>;

/** Where the estate serves its change calendar (src/demo/alertmanager/alertmanager-server.ts says the same). */
const DEMO_CALENDAR_PATH = '/demo/changes.ics';

/** The estate's calendar is in Shanghai time, like its company. */
const DEMO_CALENDAR = normalizeCalendarMapping(
  z.object(calendarMappingFields).parse({ timezone: 'Asia/Shanghai', window: { past: '7d', ahead: '7d' } }),
);

async function pollCalendar(ctx: ConnectorContext<DemoSourceConfig>) {
  const url = joinUrl(ctx.source.urls[0] ?? '', DEMO_CALENDAR_PATH);
  let response;
  try {
    response = await send(ctx, { url, method: 'GET', headers: { accept: 'text/calendar' } });
  } catch (error) {
    throw describeFailure(ctx, `GET ${url}`, error);
  }
  if (response.status !== 200) {
    throw new SourceError(`source "${ctx.source.id}": GET ${url} answered HTTP ${response.status}`);
  }
  return calendarBatch(ctx, response.body.toString('utf8'), url, DEMO_CALENDAR);
}

/**
 * The estate serves the real Alertmanager API, so the real Alertmanager connector polls it; beside
 * it the estate's change calendar, read like any iCalendar feed, and its service catalog, read like
 * a Backstage catalog.
 */
export const demoConnector: Connector<DemoSourceConfig, AlertmanagerState> = {
  kind: 'demo',
  configSchema: demoConfigSchema,
  produces: ['alerts', 'changes', 'topology'],
  createState: alertmanagerPolling.createState,
  async poll(ctx, state) {
    // The calendar first: the Alertmanager poll updates `state` when it succeeds, which must only
    // happen for a poll whose products all reach the cache.
    const changes = await pollCalendar(ctx);
    // The estate's services and dependencies, from its catalog API (Backstage's shape).
    const topology = await readCatalog(ctx, DEFAULT_CATALOG_READING);
    return { ...(await alertmanagerPolling.poll(ctx, state)), changes, topology };
  },
  actions: {
    silence: createSilence,
    getSilences,
    expireSilence,
    extendSilence,
    acknowledge,
    keepAcknowledged,
    unacknowledge,
  },
};
