import { z } from 'zod';
import { baseSourceFields, duration, httpUrl, normalizeBase } from '../../config/source-base.js';
import { CHANGE_KINDS } from '../../domain/index.js';

/**
 * `kind: pagerduty-changes`: PagerDuty's change events (REST API v2, `GET /change_events`), read over
 * the poll's window with `since`/`until` and offset pagination. `token:` is a REST API key; it is sent
 * as `Authorization: Token token=…` (PagerDuty's scheme), only to the configured origin.
 */
export const pagerdutyChangesConfigSchema = z
  .strictObject({
    kind: z.literal('pagerduty-changes'),
    ...baseSourceFields,
    interval: duration(1000, 86_400_000, '1m').prefault('1m'),
    url: httpUrl.default('https://api.pagerduty.com'),
    token: z.string().min(1, 'the API token is empty (is its ${ENV_VAR} set?)'),
    /** Only change events of these teams (PagerDuty team ids). */
    teamIds: z.array(z.string().min(1)).default([]),
    /** The kind of every change event (PagerDuty has no kinds). */
    changeKind: z.enum(CHANGE_KINDS).default('release'),
    window: z.strictObject({ past: duration(3_600_000, 90 * 86_400_000, '3d').prefault('3d') }).prefault({}),
  })
  .transform((source) => ({
    ...normalizeBase(
      { ...source, auth: { type: 'header', name: 'Authorization', value: `Token token=${source.token}` } },
      [source.url],
    ),
    teamIds: source.teamIds,
    changeKind: source.changeKind,
    pastMs: source.window.past,
  }));

export type PagerdutyChangesSourceConfig = z.output<typeof pagerdutyChangesConfigSchema>;
