import { SILENCE_MAX_MINUTES } from '../../domain/index.js';
import type { Labels, Silence } from '../../domain/index.js';
import { SourceError } from '../types.js';
import type { ConnectorContext, SilenceRequest, SilenceResult } from '../types.js';
import { describeFailure, joinUrl, parseJsonResponse, send } from '../common/fetch-json.js';
import { gettableSilenceSchema, postSilenceResponseSchema } from './schema.js';
import type { GettableSilence } from './schema.js';

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

type Member<T> = (base: string) => Promise<T>;

/**
 * Runs `attempt` against each cluster member in turn until one answers (members gossip silences to
 * each other); the last member's failure is the one reported.
 */
async function onFirstMember<T>(
  ctx: ConnectorContext,
  what: (base: string) => string,
  attempt: Member<T>,
): Promise<T> {
  let lastError: SourceError | undefined;
  for (const base of ctx.source.urls) {
    try {
      return await attempt(base);
    } catch (error) {
      lastError = error instanceof SourceError ? error : describeFailure(ctx, what(base), error);
    }
  }
  throw lastError ?? new SourceError(`source "${ctx.source.id}" has no URL to send the silence to`);
}

const silencePath = (id: string) => `/api/v2/silence/${encodeURIComponent(id)}`;

/** A silence as the domain holds it, with the link to it in Alertmanager's UI (none for the demo). */
function toSilence(ctx: ConnectorContext, base: string, silence: GettableSilence): Silence {
  return {
    id: silence.id,
    sourceId: ctx.source.id,
    state: silence.status.state,
    matchers: silence.matchers,
    startsAt: silence.startsAt,
    endsAt: silence.endsAt,
    createdBy: silence.createdBy,
    comment: silence.comment,
    ...(ctx.source.kind === 'demo'
      ? {}
      : { url: `${base.replace(/\/+$/, '')}/#/silences/${encodeURIComponent(silence.id)}` }),
  };
}

async function fetchSilence(ctx: ConnectorContext, base: string, id: string): Promise<Silence | undefined> {
  const url = joinUrl(base, silencePath(id));
  const what = `GET ${url}`;
  let response;
  try {
    response = await send(ctx, { url, method: 'GET' });
  } catch (error) {
    throw describeFailure(ctx, what, error);
  }
  if (response.status === 404) return undefined;
  return toSilence(ctx, base, parseJsonResponse(ctx, what, response, gettableSilenceSchema));
}

type PostableSilence = Readonly<{
  id?: string;
  matchers: readonly Readonly<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}>;

/** Posts a silence (a new one, or an update when it has an id) and reads it back as stored. */
async function postSilence(ctx: ConnectorContext, body: PostableSilence): Promise<Silence> {
  return onFirstMember(
    ctx,
    (base) => `POST ${joinUrl(base, '/api/v2/silences')}`,
    async (base) => {
      const url = joinUrl(base, '/api/v2/silences');
      const what = `POST ${url}`;
      let response;
      try {
        response = await send(ctx, { url, method: 'POST', json: body });
      } catch (error) {
        throw describeFailure(ctx, what, error);
      }
      const { silenceID } = parseJsonResponse(ctx, what, response, postSilenceResponseSchema);
      // Read it back: Alertmanager may have given an update a new id, and it decides the times.
      const stored = await fetchSilence(ctx, base, silenceID);
      return (
        stored ??
        toSilence(ctx, base, {
          ...body,
          id: silenceID,
          status: { state: 'active' },
          matchers: [...body.matchers],
        })
      );
    },
  );
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
  return postSilence(ctx, body);
}

/** The silences with these ids as Alertmanager holds them now; ids no member knows are left out. */
export async function getSilences(
  ctx: ConnectorContext,
  ids: readonly string[],
): Promise<readonly Silence[]> {
  const found: Silence[] = [];
  for (const id of ids) {
    const silence = await onFirstMember(
      ctx,
      (base) => `GET ${joinUrl(base, silencePath(id))}`,
      (base) => fetchSilence(ctx, base, id),
    );
    if (silence) found.push(silence);
  }
  return found;
}

/** Expires a silence now (`DELETE /api/v2/silence/{id}`); the alert fires again on the next evaluation. */
export async function expireSilence(ctx: ConnectorContext, silenceId: string): Promise<void> {
  await onFirstMember(
    ctx,
    (base) => `DELETE ${joinUrl(base, silencePath(silenceId))}`,
    async (base) => {
      const url = joinUrl(base, silencePath(silenceId));
      const what = `DELETE ${url}`;
      let response;
      try {
        response = await send(ctx, { url, method: 'DELETE' });
      } catch (error) {
        throw describeFailure(ctx, what, error);
      }
      if (response.status === 404) {
        throw new SourceError(
          `source "${ctx.source.id}": silence ${silenceId} is not in Alertmanager any more`,
        );
      }
      if (response.status < 200 || response.status >= 300) {
        throw new SourceError(`source "${ctx.source.id}": ${what} was refused with HTTP ${response.status}`);
      }
    },
  );
}

/** Moves a silence's end `minutes` later (from now when it has already ended), at most 30 days ahead. */
export async function extendSilence(
  ctx: ConnectorContext,
  silenceId: string,
  minutes: number,
): Promise<SilenceResult> {
  const [current] = await getSilences(ctx, [silenceId]);
  if (!current)
    throw new SourceError(`source "${ctx.source.id}": silence ${silenceId} is not in Alertmanager any more`);
  const now = ctx.clock.now();
  const from = Math.max(now, Date.parse(current.endsAt));
  const endsAt = Math.min(from + minutes * 60_000, now + SILENCE_MAX_MINUTES * 60_000);
  const expired = current.state === 'expired';
  return postSilence(ctx, {
    // An expired silence cannot be updated: Alertmanager makes a new one with the same matchers.
    ...(expired ? {} : { id: current.id }),
    matchers: current.matchers,
    startsAt: expired ? new Date(now).toISOString() : current.startsAt,
    endsAt: new Date(endsAt).toISOString(),
    createdBy: current.createdBy,
    comment: current.comment,
  });
}
