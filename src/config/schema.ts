import { z } from 'zod';
import { DEFAULT_SEVERITY_VALUES, SEVERITIES, SOURCE_KINDS } from '../domain/index.js';
import type { SeverityMapping, SourceKind } from '../domain/index.js';
import type { HttpAuth } from '../http/types.js';
import { parseDuration } from './duration.js';

const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function duration(min: number, max: number) {
  return z.string().transform((text, ctx) => {
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

const httpUrl = z.string().superRefine((text, ctx) => {
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

const authSchema = z
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

const severityLevel = z.enum([...SEVERITIES, 'filtered']);

const sourceSchema = z
  .strictObject({
    id: z.string().regex(ID, 'an id is lower-case letters, digits, - and _ (e.g. am-prod)'),
    kind: z.enum(SOURCE_KINDS),
    name: z.string().min(1).optional(),
    url: httpUrl.optional(),
    urls: z.array(httpUrl).min(1, 'list at least one URL').optional(),
    interval: duration(1000, 3_600_000).prefault('15s'),
    timeout: duration(500, 300_000).optional(),
    auth: authSchema.optional(),
    tls: z
      .strictObject({
        caFile: z.string().min(1).optional(),
        insecureSkipVerify: z.boolean().default(false),
      })
      .default({ insecureSkipVerify: false }),
    severity: z
      .strictObject({
        labels: z.array(z.string().min(1)).min(1).optional(),
        label: z.string().min(1).optional(),
        map: z.record(z.string(), severityLevel).default({}),
        default: z.enum(SEVERITIES).default('warning'),
      })
      .default({ map: {}, default: 'warning' }),
    serviceLabels: z.array(z.string().min(1)).min(1).default(['service', 'job']),
    maxResponseSize: z
      .string()
      .regex(/^\d+(KB|MB|GB)$/, 'write a size like 64MB')
      .default('64MB'),
    /** demo only: how many alerts the simulated estate fires (scale knob). */
    demoAlerts: z.number().int().min(0).max(1_000_000).optional(),
    demoSeed: z.number().int().optional(),
  })
  .superRefine((source, ctx) => {
    if (source.kind !== 'demo' && !source.url && !source.urls) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a source needs url: or urls:' });
    }
    if (source.url && source.urls) {
      ctx.addIssue({ code: 'custom', path: ['urls'], message: 'use either url: or urls:, not both' });
    }
  });

export const configFileSchema = z.strictObject({
  sources: z.array(sourceSchema).default([]),
  dataDir: z.string().min(1).optional(),
  history: z
    .strictObject({ retentionDays: z.number().int().min(1).max(3650).default(30) })
    .default({ retentionDays: 30 }),
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      token: z.string().min(16, 'an access token needs at least 16 characters').optional(),
    })
    .default({ host: '127.0.0.1', port: 8080 }),
  notifications: z
    .strictObject({ minSeverity: z.enum(SEVERITIES).default('critical') })
    .default({ minSeverity: 'critical' }),
  operator: z.string().min(1).optional(),
});

export type ConfigFile = z.output<typeof configFileSchema>;
type RawSource = z.output<typeof sourceSchema>;

/** A source after defaults are applied: what connectors and the poller receive. */
export type SourceConfig = Readonly<{
  id: string;
  kind: SourceKind;
  name: string;
  urls: readonly string[];
  intervalMs: number;
  timeoutMs: number;
  auth?: HttpAuth;
  tls: Readonly<{ caFile?: string; ca?: string; insecureSkipVerify: boolean }>;
  severity: SeverityMapping;
  serviceLabels: readonly string[];
  maxBytes: number;
  demoAlerts?: number;
  demoSeed?: number;
}>;

export type CockpitConfig = Readonly<{
  /** The file this came from, or undefined for the built-in demo estate. */
  file?: string;
  sources: readonly SourceConfig[];
  dataDir?: string;
  historyRetentionDays: number;
  server: Readonly<{ host: string; port: number; token?: string }>;
  notifications: Readonly<{ minSeverity: (typeof SEVERITIES)[number] }>;
  operator?: string;
}>;

const SIZE_UNIT = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;

function parseSize(text: string): number {
  const match = /^(\d+)(KB|MB|GB)$/.exec(text);
  if (!match) return 64 * SIZE_UNIT.MB;
  return Number(match[1]) * SIZE_UNIT[match[2] as keyof typeof SIZE_UNIT];
}

/** Applies defaults that depend on other fields (timeout from interval, name from id). */
export function normalizeSource(source: RawSource): SourceConfig {
  const mapValues = Object.fromEntries(
    Object.entries(source.severity.map).map(([key, value]) => [key.trim().toLowerCase(), value]),
  );
  const labels = source.severity.labels ?? (source.severity.label ? [source.severity.label] : ['severity']);
  return {
    id: source.id,
    kind: source.kind,
    name: source.name ?? source.id,
    urls: source.urls ?? (source.url ? [source.url] : []),
    intervalMs: source.interval,
    timeoutMs: source.timeout ?? Math.min(10_000, Math.max(1000, source.interval)),
    auth: source.auth,
    tls: { caFile: source.tls.caFile, insecureSkipVerify: source.tls.insecureSkipVerify },
    severity: {
      labels,
      values: { ...DEFAULT_SEVERITY_VALUES, ...mapValues },
      default: source.severity.default,
    },
    serviceLabels: source.serviceLabels,
    maxBytes: parseSize(source.maxResponseSize),
    demoAlerts: source.demoAlerts,
    demoSeed: source.demoSeed,
  };
}

export function normalizeConfig(file: ConfigFile, path?: string): CockpitConfig {
  return {
    file: path,
    sources: file.sources.map(normalizeSource),
    dataDir: file.dataDir,
    historyRetentionDays: file.history.retentionDays,
    server: file.server,
    notifications: file.notifications,
    operator: file.operator,
  };
}
