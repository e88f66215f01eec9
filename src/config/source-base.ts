import { z } from 'zod';
import type { SourceKind } from '../domain/index.js';
import type { HttpAuth } from '../http/types.js';
import { parseDuration } from './duration.js';
import { expecting } from './messages.js';

/**
 * The parts of a source's config every kind shares (identity, polling, HTTP), and building blocks a
 * connector's own `configSchema` adds (`endpointFields`). A connector's schema is
 * `z.strictObject({ kind: z.literal(…), ...baseSourceFields, …its fields })`, then a transform that
 * calls `normalizeBase`; the config file's `sources` is the union of them by `kind`.
 */

const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** A duration field (`15s`); `example` is shown when a value of the wrong type is found. */
export function duration(min: number, max: number, example: string) {
  return z.string({ error: expecting(`a duration such as ${example}`) }).transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not a duration; write a number and a unit, e.g. 15s, 2m, 1h`,
      });
      return z.NEVER;
    }
    if (ms < min || ms > max) {
      ctx.addIssue({
        code: 'custom',
        message: `${text} is out of range; use between ${min / 1000}s and ${max / 1000}s`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

export const httpUrl = z.string().superRefine((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a URL; write it like http://127.0.0.1:9093` });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `"${text}" must start with http:// or https://` });
  } else if (url.username || url.password) {
    ctx.addIssue({
      code: 'custom',
      message:
        'credentials in the URL would be shown and logged; remove user:pass@ and use auth: { basic: … }',
    });
  }
});

export const authSchema = z
  .union([
    z.strictObject({ bearer: z.string().min(1, 'the bearer token is empty (is its ${ENV_VAR} set?)') }),
    z.strictObject({
      basic: z.strictObject({ username: z.string().min(1), password: z.string() }),
    }),
    z.strictObject({
      header: z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name has only letters, digits and -'),
        value: z.string().min(1),
      }),
    }),
  ])
  .transform((auth): HttpAuth => {
    if ('bearer' in auth) return { type: 'bearer', token: auth.bearer };
    if ('basic' in auth) return { type: 'basic', ...auth.basic };
    return { type: 'header', ...auth.header };
  });

/** Fields every source has, whatever its kind. */
export const baseSourceFields = {
  id: z.string().regex(ID, 'an id is lower-case letters, digits, - and _ (e.g. am-prod)'),
  name: z.string().min(1).optional(),
  interval: duration(1000, 3_600_000, '15s').prefault('15s'),
  timeout: duration(500, 300_000, '10s').optional(),
  auth: authSchema.optional(),
  tls: z
    .strictObject({
      caFile: z.string().min(1).optional(),
      insecureSkipVerify: z.boolean().default(false),
    })
    .default({ insecureSkipVerify: false }),
  maxResponseSize: z
    .string()
    .regex(/^\d+(KB|MB|GB)$/, 'write a size like 64MB')
    .default('64MB'),
};

/** `url:` or `urls:` (several members of one HA cluster), for kinds that poll a backend over HTTP. */
export const endpointFields = {
  url: httpUrl.optional(),
  urls: z.array(httpUrl).min(1, 'list at least one URL').optional(),
};

type RawBase = z.output<z.ZodObject<typeof baseSourceFields>>;
type RawEndpoint = z.output<z.ZodObject<typeof endpointFields>>;

/** A superRefine for schemas with `endpointFields`: exactly one of url: and urls:. */
export function checkEndpoint(source: RawEndpoint, ctx: z.RefinementCtx): void {
  if (!source.url && !source.urls) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'a source needs url: or urls:' });
  }
  if (source.url && source.urls) {
    ctx.addIssue({ code: 'custom', path: ['urls'], message: 'use either url: or urls:, not both' });
  }
}

/** The URLs an `endpointFields` source polls, in order. */
export function endpointUrls(source: RawEndpoint): readonly string[] {
  return source.urls ?? (source.url ? [source.url] : []);
}

/** What every source config has after defaults: what the poller, the api and the HTTP layer read. */
export type BaseSourceConfig = Readonly<{
  id: string;
  kind: SourceKind;
  name: string;
  /** The backend's URLs (HA members); empty for a demo source until its estate is started. */
  urls: readonly string[];
  intervalMs: number;
  timeoutMs: number;
  auth?: HttpAuth;
  tls: Readonly<{ caFile?: string; ca?: string; insecureSkipVerify: boolean }>;
  maxBytes: number;
}>;

const SIZE_UNIT = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

function parseSize(text: string): number {
  const match = /^(\d+)(KB|MB|GB)$/.exec(text);
  if (!match) return 64 * SIZE_UNIT.MB;
  return Number(match[1]) * SIZE_UNIT[match[2] as keyof typeof SIZE_UNIT];
}

/** Applies the shared defaults that depend on other fields (timeout from interval, name from id). */
export function normalizeBase<Kind extends SourceKind>(
  source: RawBase & Readonly<{ kind: Kind }>,
  urls: readonly string[],
): BaseSourceConfig & Readonly<{ kind: Kind }> {
  return {
    id: source.id,
    kind: source.kind,
    name: source.name ?? source.id,
    urls,
    intervalMs: source.interval,
    timeoutMs: source.timeout ?? Math.min(10_000, Math.max(1000, source.interval)),
    auth: source.auth,
    tls: { caFile: source.tls.caFile, insecureSkipVerify: source.tls.insecureSkipVerify },
    maxBytes: parseSize(source.maxResponseSize),
  };
}
