import type { Labels } from '../../domain/index.js';
import { SourceError } from '../types.js';
import type { ConnectorContext, SilenceRequest, SilenceResult } from '../types.js';
import { describeFailure, joinUrl, parseJsonResponse, send } from '../common/fetch-json.js';
import { postSilenceResponseSchema } from './schema.js';

/** Labels that vary between evaluations or replicas and would make a silence miss next time. */
const VOLATILE_LABELS = new Set(['pod', 'pod_name', 'container_id', 'endpoint', 'uid', 'replica']);

/**
 * The matchers a silence uses: alertname + instance when present (narrow, and robust against
 * volatile labels such as pod), else every identifying label except volatile ones.
 */
export function silenceMatchers(labels: Labels, matchLabels?: readonly string[]) {
  let names: string[];
  if (matchLabels && matchLabels.length > 0) names = matchLabels.filter((name) => labels[name] !== undefined);
  else if (labels.alertname !== undefined && labels.instance !== undefined) names = ['alertname', 'instance'];
  else names = Object.keys(labels).filter((name) => !VOLATILE_LABELS.has(name));
  if (names.length === 0) names = Object.keys(labels);
  return names.sort().map((name) => ({ name, value: labels[name] ?? '', isRegex: false, isEqual: true }));
}

/** Creates a silence on the first cluster member that accepts it (members gossip it to the rest). */
export async function createSilence(ctx: ConnectorContext, request: SilenceRequest): Promise<SilenceResult> {
  const now = ctx.clock.now();
  const body = {
    matchers: silenceMatchers(request.labels, request.matchLabels),
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + request.durationMinutes * 60_000).toISOString(),
    createdBy: request.createdBy,
    comment: request.comment,
  };
  if (body.matchers.length === 0) {
    throw new SourceError(`source "${ctx.source.id}": this alert has no labels to silence on`);
  }
  let lastError: SourceError | undefined;
  for (const base of ctx.source.urls) {
    const what = `POST ${joinUrl(base, '/api/v2/silences')}`;
    try {
      const response = await send(ctx, {
        url: joinUrl(base, '/api/v2/silences'),
        method: 'POST',
        json: body,
      });
      const parsed = parseJsonResponse(ctx, what, response, postSilenceResponseSchema);
      return { silenceId: parsed.silenceID };
    } catch (error) {
      lastError = describeFailure(ctx, what, error);
    }
  }
  throw lastError ?? new SourceError(`source "${ctx.source.id}" has no URL to send the silence to`);
}
