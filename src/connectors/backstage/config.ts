import { z } from 'zod';
import { baseSourceFields, duration, httpUrl, normalizeBase } from '../../config/source-base.js';

/**
 * `kind: backstage`: a Backstage software catalog over its REST API
 * (`GET {url}/api/catalog/entities/by-query`), with a bearer token (a static external-access token).
 *
 *   - id: catalog
 *     kind: backstage
 *     url: https://backstage.example
 *     auth: { bearer: ${BACKSTAGE_TOKEN} }
 *     filter: [kind=component, kind=system]   # optional; by default every kind the graph keeps
 */
export const backstageConfigSchema = z
  .strictObject({
    kind: z.literal('backstage'),
    ...baseSourceFields,
    interval: duration(1000, 86_400_000, '5m').prefault('5m'),
    timeout: duration(500, 300_000, '30s').prefault('30s'),
    url: httpUrl,
    /** `filter` sets (OR across them, AND inside one), as the catalog's by-query takes them. */
    filter: z.array(z.string().regex(/^[^=&]+=?[^&]*$/, 'write a filter like kind=component')).optional(),
    /** Entities per page. */
    pageSize: z.number().int().min(1).max(1000).default(500),
    /** Pages read per poll before the rest is cut off (a cursor that never ends). */
    maxPages: z.number().int().min(1).max(10_000).default(200),
  })
  .transform((source) => ({
    ...normalizeBase(source, [source.url]),
    filter: source.filter ?? [
      'kind=component',
      'kind=system',
      'kind=resource',
      'kind=api',
      'kind=group',
      'kind=domain',
    ],
    pageSize: source.pageSize,
    maxPages: source.maxPages,
  }));

export type BackstageSourceConfig = z.output<typeof backstageConfigSchema>;
