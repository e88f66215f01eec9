import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { CONNECTORS } from '../connectors/registry.js';
import type { SloSourceConfig } from '../connectors/slo/config.js';
import type { RunbooksSourceConfig } from '../connectors/runbooks/config.js';
import { CONFIGURED_SOURCE_KINDS } from '../domain/index.js';
import type { AlertMappingRule, FreezeRule, LocalizedText, Severity } from '../domain/index.js';
import { freezeSchema } from './freezes.js';
import { normalizeNotifications, notificationsSchema } from './notifications.js';
import type { NotificationSettings } from './notifications.js';
import { runbookSettings, runbooksConfigSchema } from './runbooks.js';
import type { RunbookSettings } from './runbooks.js';
import { expecting } from './messages.js';
import { sloConfigSchema } from './slo/config.js';
import type { SloSettings } from './slo/config.js';

/**
 * One schema per source kind, each its connector's `configSchema` (common fields from
 * ./source-base.ts plus its own), picked by `kind`.
 */
const [firstKind, ...otherKinds] = CONFIGURED_SOURCE_KINDS;
const sourceSchema = z.discriminatedUnion('kind', [
  CONNECTORS[firstKind].configSchema,
  ...otherKinds.map((kind) => CONNECTORS[kind].configSchema),
]);

/** A token as written in the config: the secret itself, or `sha256:` and the hex digest of it. */
const tokenSchema = z
  .string()
  .refine(
    (token) => /^sha256:[0-9a-f]{64}$/i.test(token) || (!token.startsWith('sha256:') && token.length >= 16),
    'an access token needs at least 16 characters, or sha256: and 64 hex digits of its SHA-256',
  );

export const configFileSchema = z.strictObject({
  sources: z.array(sourceSchema).default([]),
  /** Change freezes (封网): see ./freezes.ts. */
  freezes: z.array(freezeSchema).default([]),
  /** How alerts map to topology items beyond `service` → component (src/analysis/topology/mapping.ts). */
  topology: z
    .strictObject({
      mapping: z
        .array(
          z.strictObject({
            labels: z
              .record(z.string(), z.string())
              .refine(
                (labels) => Object.keys(labels).length > 0,
                'list at least one label, e.g. { db: pg-main }',
              ),
            entity: z
              .string()
              .regex(
                /^([a-z]+:)?([a-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/i,
                'write an entity ref like resource:default/payments-db',
              ),
          }),
        )
        .default([]),
    })
    .optional(),
  dataDir: z.string().min(1).optional(),
  history: z
    .strictObject({
      retentionDays: z
        .number({ error: expecting('a whole number of days such as 30') })
        .int()
        .min(1)
        .max(3650)
        .default(30),
    })
    .default({ retentionDays: 30 }),
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z
        .number({ error: expecting('a port number such as 8080') })
        .int()
        .min(0)
        .max(65535)
        .default(8080),
      /** One operator token (kept for configs written before roles); `tokens` is the general form. */
      token: tokenSchema.optional(),
      tokens: z
        .array(
          z.strictObject({
            token: tokenSchema,
            role: z.enum(['viewer', 'operator']),
            /** Who holds it: the audit log's "who" and the createdBy of their silences. */
            name: z.string().trim().min(1).max(200).optional(),
          }),
        )
        .max(1000)
        .default([]),
      /** Host names (not addresses) browsers use to reach this host, e.g. cockpit.office.example. */
      hostNames: z
        .array(z.string().regex(/^[a-z0-9.-]+$/i, 'a host name, without scheme or port'))
        .default([]),
      /** PEM files for https: a certificate (chain) and its private key. */
      tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
    })
    .default({ host: '127.0.0.1', port: 8080, tokens: [], hostNames: [] }),
  /** Tiers, escalation, quiet hours and filters: see ./notifications.ts. */
  notifications: notificationsSchema,
  operator: z.string().min(1).optional(),
  slo: sloConfigSchema.optional(),
  /** What people call each service (keyed by the alerts' service name): the war room shows the title. */
  services: z
    .record(
      z.string().min(1).max(200),
      z.strictObject({
        title: z.union(
          [
            z.string().trim().min(1).max(200),
            z.strictObject({
              en: z.string().trim().min(1).max(200).optional(),
              'zh-CN': z.string().trim().min(1).max(200).optional(),
            }),
          ],
          { error: expecting('a title, or titles by language such as { en: Payments, zh-CN: 支付 }') },
        ),
      }),
    )
    .default({}),
  /** The runbook vault: folders to scan and `runbook_url` prefetch (see ./runbooks.ts). */
  runbooks: runbooksConfigSchema.optional(),
});

export type ConfigFile = z.output<typeof configFileSchema>;

/**
 * A source after defaults are applied: what connectors and the poller receive. One type per kind
 * (its connector's config), told apart by `kind`; the fields all kinds share are `BaseSourceConfig`.
 */
export type FileSourceConfig = z.output<typeof sourceSchema>;
/** Every source the poller runs: those of the file and the derived ones (the `slo` source). */
export type SourceConfig = FileSourceConfig | SloSourceConfig | RunbooksSourceConfig;
export type { BaseSourceConfig } from './source-base.js';

/** The source config of one kind. */
export type SourceConfigOf<Kind extends SourceConfig['kind']> = Extract<SourceConfig, { kind: Kind }>;

export type ServerConfig = Readonly<{
  host: string;
  port: number;
  token?: string;
  tokens: readonly Readonly<{ token: string; role: 'viewer' | 'operator'; name?: string }>[];
  hostNames: readonly string[];
  /** Paths as written; the loader resolves them against the config file's folder. */
  tls?: Readonly<{ cert: string; key: string }>;
}>;

export type CockpitConfig = Readonly<{
  /** The file this came from, or undefined for the built-in demo estate. */
  file?: string;
  sources: readonly FileSourceConfig[];
  freezes: readonly FreezeRule[];
  dataDir?: string;
  historyRetentionDays: number;
  server: ServerConfig;
  /** `policy` and `webhooks` absent: the defaults of ./notifications.ts (a config built by hand). */
  notifications: Readonly<{ minSeverity: Severity }> & Partial<NotificationSettings>;
  operator?: string;
  /** SLOs to evaluate (the `slo:` key, its files read); absent without `slo:`. */
  slo?: SloSettings;
  /** Service display names by service (the `services:` key); one title stands for every language. */
  serviceTitles: Readonly<Record<string, LocalizedText>>;
  /** `topology.mapping:` rules (alert labels → entity); absent without `topology:`. */
  topology?: Readonly<{ mapping: readonly AlertMappingRule[] }>;
  /** The runbook vault (the `runbooks:` key, folders resolved); absent without it. */
  runbooks?: RunbookSettings;
}>;

/** The config fields each kind accepts, for telling a person which kind a misplaced field belongs to. */
export function fieldsOfKind(kind: FileSourceConfig['kind']): readonly string[] {
  const schema: unknown = CONNECTORS[kind].configSchema;
  const object = schema instanceof z.ZodPipe ? schema.in : schema;
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}

export function normalizeConfig(file: ConfigFile, path?: string): CockpitConfig {
  return {
    file: path,
    sources: file.sources,
    freezes: file.freezes,
    ...(file.topology ? { topology: { mapping: file.topology.mapping } } : {}),
    dataDir: file.dataDir,
    historyRetentionDays: file.history.retentionDays,
    server: file.server,
    notifications: normalizeNotifications(file.notifications),
    operator: file.operator,
    serviceTitles: Object.fromEntries(
      Object.entries(file.services).map(([service, { title }]) => [
        service,
        typeof title === 'string' ? { en: title } : title,
      ]),
    ),
    ...(file.runbooks
      ? { runbooks: runbookSettings(file.runbooks, path ? dirname(resolve(path)) : process.cwd()) }
      : {}),
  };
}
