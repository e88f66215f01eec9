import { z } from 'zod';
import { baseSourceFields, duration, httpUrl, normalizeBase } from '../../config/source-base.js';
import { CHANGE_KINDS } from '../../domain/index.js';

const path = z
  .string()
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'write a field path like deploy.started_at');

/**
 * `kind: changes-json`: a CI/CD system's deploy log as JSON, mapped by field paths. `url:` may hold
 * `{from}` and `{to}` (ISO times of the poll's window, URL-encoded).
 *
 *   - id: deploys
 *     kind: changes-json
 *     url: https://ci.example/api/deploys?since={from}
 *     items: data.deploys            # where the array is ('' or absent: the answer is the array)
 *     fields: { id: id, title: name, startsAt: started_at, endsAt: finished_at, service: app,
 *               environment: env, operator: user.login, status: state, url: html_url }
 */
export const changesJsonConfigSchema = z
  .strictObject({
    kind: z.literal('changes-json'),
    ...baseSourceFields,
    interval: duration(1000, 86_400_000, '1m').prefault('1m'),
    url: httpUrl,
    items: z.union([path, z.literal('')]).default(''),
    fields: z.strictObject({
      id: path.optional(),
      title: path,
      startsAt: path,
      endsAt: path.optional(),
      service: path.optional(),
      environment: path.optional(),
      operator: path.optional(),
      status: path.optional(),
      url: path.optional(),
      kind: path.optional(),
      description: path.optional(),
    }),
    /** The kind of every change whose record has no `fields.kind` value. */
    defaultKind: z.enum(CHANGE_KINDS).default('release'),
    window: z
      .strictObject({
        past: duration(3_600_000, 400 * 86_400_000, '3d').prefault('3d'),
        ahead: duration(0, 400 * 86_400_000, '1d').prefault('1d'),
      })
      .prefault({}),
  })
  .transform((source) => ({
    ...normalizeBase(source, [source.url]),
    items: source.items,
    fields: source.fields,
    defaultKind: source.defaultKind,
    pastMs: source.window.past,
    aheadMs: source.window.ahead,
  }));

export type ChangesJsonSourceConfig = z.output<typeof changesJsonConfigSchema>;
