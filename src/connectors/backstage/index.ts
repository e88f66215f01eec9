import { z } from 'zod';
import type { PollProducts, Relation, TopologyGraph } from '../../domain/index.js';
import type { ConfigItem } from '../../domain/index.js';
import type { HttpResponse } from '../../http/types.js';
import { buildGraph, listedRelations, readEntity } from '../catalog/entity.js';
import { describeFailure, joinUrl, parseJsonResponse, send } from '../common/fetch-json.js';
import type { Connector, ConnectorContext } from '../types.js';
import { backstageConfigSchema } from './config.js';
import type { BackstageSourceConfig } from './config.js';

const FIELDS = 'kind,metadata,spec,relations';

/** `GET /api/catalog/entities/by-query`'s answer (software-catalog/api.md). */
const pageSchema = z.object({
  items: z.array(z.unknown()),
  totalItems: z.number().optional(),
  pageInfo: z.object({ nextCursor: z.string().optional() }).optional(),
});

function pageUrl(
  source: Pick<BackstageSourceConfig, 'urls' | 'filter' | 'pageSize'>,
  cursor: string | undefined,
): string {
  const base = joinUrl(source.urls[0] ?? '', '/api/catalog/entities/by-query');
  const params = new URLSearchParams();
  // A cursor carries the query it continues: filter goes only with the first page.
  if (cursor === undefined) for (const filter of source.filter) params.append('filter', filter);
  else params.set('cursor', cursor);
  params.set('fields', FIELDS);
  params.set('limit', String(source.pageSize));
  return `${base}?${params.toString()}`;
}

/** How a catalog is read: by-query's filter sets, the page size and the bound on pages. */
export type CatalogReading = Pick<BackstageSourceConfig, 'filter' | 'pageSize' | 'maxPages'>;

/** The default reading: every kind the graph keeps, 500 a page, at most 200 pages. */
export const DEFAULT_CATALOG_READING: CatalogReading = backstageConfigSchema.parse({
  kind: 'backstage',
  id: 'x',
  url: 'http://127.0.0.1',
});

/**
 * Reads a Backstage catalog at `ctx.source.urls[0]` page by page into the source's graph; a bound
 * cuts off a cursor that never ends. The demo kind reads its estate's catalog with this too.
 */
export async function readCatalog(ctx: ConnectorContext, reading: CatalogReading): Promise<TopologyGraph> {
  const source = {
    ...ctx.source,
    filter: reading.filter,
    pageSize: reading.pageSize,
    maxPages: reading.maxPages,
  };
  const reads: { item: ConfigItem; relations: Relation[] }[] = [];
  const problems: string[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  let total: number | undefined;
  for (;;) {
    const url = pageUrl(source, cursor);
    const what = `GET ${url.split('?')[0]}`;
    let response: HttpResponse;
    try {
      response = await send(ctx, { url, method: 'GET', headers: { accept: 'application/json' } });
    } catch (error) {
      throw describeFailure(ctx, what, error);
    }
    const page = parseJsonResponse(ctx, what, response, pageSchema);
    pages += 1;
    total ??= page.totalItems;
    page.items.forEach((entity, index) => {
      const read = readEntity(
        entity as object,
        `entity ${(pages - 1) * source.pageSize + index + 1} of page ${pages}`,
      );
      if (read === undefined) return;
      if ('problem' in read) problems.push(read.problem);
      else
        reads.push({
          item: read.item,
          relations: listedRelations(read.item, (entity as { relations?: unknown }).relations),
        });
    });
    const next = page.pageInfo?.nextCursor;
    if (next === undefined || page.items.length === 0) break;
    if (seenCursors.has(next)) {
      problems.push(
        `the catalog answered a cursor it had already given after ${pages} pages; the rest of the catalog is not read`,
      );
      break;
    }
    if (pages >= source.maxPages) {
      problems.push(
        `the catalog had more than ${source.maxPages} pages of ${source.pageSize} entities${total === undefined ? '' : ` (it says ${total} in all)`}; reading stopped there (raise maxPages: or narrow filter: for this source)`,
      );
      break;
    }
    seenCursors.add(next);
    cursor = next;
  }
  const takenAt = new Date(ctx.clock.now()).toISOString();
  return buildGraph(source.id, takenAt, reads, problems);
}

async function poll(ctx: ConnectorContext<BackstageSourceConfig>): Promise<PollProducts> {
  return { topology: await readCatalog(ctx, ctx.source) };
}

/** A Backstage software catalog: components, systems, resources, APIs, groups and domains with their relations. */
export const backstageConnector: Connector<BackstageSourceConfig, Record<string, never>> = {
  kind: 'backstage',
  configSchema: backstageConfigSchema,
  produces: ['topology'],
  createState: () => ({}),
  poll,
  actions: {},
};
