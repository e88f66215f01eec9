import { z } from 'zod';
import type { VectorSample } from '../../analysis/slo/queries.js';
import { describeFailure, joinUrl, parseJsonResponse, send } from '../common/fetch-json.js';
import type { ConnectorContext } from '../types.js';

/** The query API's answers (Prometheus docs/querying/api.md). */
const sampleSchema = z.tuple([z.number(), z.string()]);
const vectorSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleSchema })),
  }),
});
const matrixSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sampleSchema) })),
  }),
});
const errorSchema = z.object({
  status: z.literal('error'),
  errorType: z.string().optional(),
  error: z.string(),
});
const runtimeInfoSchema = z.object({
  status: z.literal('success'),
  data: z.object({ storageRetention: z.string().optional() }),
});

/** A query Prometheus refused (bad PromQL, an execution error): the query's fault, not the link's. */
export class QueryRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryRejected';
  }
}

async function ask(ctx: ConnectorContext, path: string, params: Record<string, string>): Promise<unknown> {
  const base = ctx.source.urls[0] ?? '';
  const url = `${joinUrl(base, path)}?${new URLSearchParams(params).toString()}`;
  const what = `GET ${joinUrl(base, path)}`;
  let response;
  try {
    response = await send(ctx, { url, method: 'GET' });
  } catch (error) {
    throw describeFailure(ctx, what, error);
  }
  // 400 (bad_data) and 422 (execution) carry Prometheus's own reason: the query is wrong, not the link.
  // 503 (timeout, overload) stays a failure of the source, so it backs off.
  if (response.status === 400 || response.status === 422) {
    const parsed = errorSchema.safeParse(safeJson(response.body.toString('utf8')));
    if (parsed.success) throw new QueryRejected(parsed.data.error.slice(0, 300));
  }
  return parseJsonResponse(ctx, what, response, z.unknown());
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parsed<T>(ctx: ConnectorContext, what: string, value: unknown, schema: z.ZodType<T>): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw describeFailure(
      ctx,
      what,
      new Error('answered JSON of an unexpected shape; is this a Prometheus query API?'),
    );
  }
  return result.data;
}

/** An instant query at `timeMs`. */
export async function instantQuery(
  ctx: ConnectorContext,
  query: string,
  timeMs: number,
): Promise<VectorSample[]> {
  const answer = await ask(ctx, '/api/v1/query', { query, time: (timeMs / 1000).toFixed(3) });
  return parsed(ctx, 'GET /api/v1/query', answer, vectorSchema).data.result;
}

/** A range query; the caller keeps it under 11 000 points (see analysis/slo/ranges.ts). */
export async function rangeQuery(
  ctx: ConnectorContext,
  query: string,
  startMs: number,
  endMs: number,
  stepMs: number,
): Promise<{ metric: Record<string, string>; values: [number, string][] }[]> {
  const answer = await ask(ctx, '/api/v1/query_range', {
    query,
    start: (startMs / 1000).toFixed(3),
    end: (endMs / 1000).toFixed(3),
    step: `${Math.round(stepMs / 1000)}s`,
  });
  return parsed(ctx, 'GET /api/v1/query_range', answer, matrixSchema).data.result;
}

/** `storageRetention` from runtimeinfo; undefined when the server does not say (not every PromQL server has it). */
export async function storageRetention(ctx: ConnectorContext): Promise<string | undefined> {
  try {
    const answer = await ask(ctx, '/api/v1/status/runtimeinfo', {});
    const info = runtimeInfoSchema.safeParse(answer);
    return info.success ? info.data.data.storageRetention : undefined;
  } catch {
    return undefined;
  }
}
