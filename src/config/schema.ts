import { z } from 'zod';
import { CONNECTORS } from '../connectors/registry.js';
import { SEVERITIES, SOURCE_KINDS } from '../domain/index.js';
import type { FreezeRule } from '../domain/index.js';
import { freezeSchema } from './freezes.js';

/**
 * One schema per source kind, each its connector's `configSchema` (common fields from
 * ./source-base.ts plus its own), picked by `kind`.
 */
const [firstKind, ...otherKinds] = SOURCE_KINDS;
const sourceSchema = z.discriminatedUnion('kind', [
  CONNECTORS[firstKind].configSchema,
  ...otherKinds.map((kind) => CONNECTORS[kind].configSchema),
]);

export const configFileSchema = z.strictObject({
  sources: z.array(sourceSchema).default([]),
  /** Change freezes (封网): see ./freezes.ts. */
  freezes: z.array(freezeSchema).default([]),
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

/**
 * A source after defaults are applied: what connectors and the poller receive. One type per kind
 * (its connector's config), told apart by `kind`; the fields all kinds share are `BaseSourceConfig`.
 */
export type SourceConfig = z.output<typeof sourceSchema>;
export type { BaseSourceConfig } from './source-base.js';

/** The source config of one kind. */
export type SourceConfigOf<Kind extends SourceConfig['kind']> = Extract<SourceConfig, { kind: Kind }>;

export type CockpitConfig = Readonly<{
  /** The file this came from, or undefined for the built-in demo estate. */
  file?: string;
  sources: readonly SourceConfig[];
  freezes: readonly FreezeRule[];
  dataDir?: string;
  historyRetentionDays: number;
  server: Readonly<{ host: string; port: number; token?: string }>;
  notifications: Readonly<{ minSeverity: (typeof SEVERITIES)[number] }>;
  operator?: string;
}>;

/** The config fields each kind accepts, for telling a person which kind a misplaced field belongs to. */
export function fieldsOfKind(kind: SourceConfig['kind']): readonly string[] {
  const schema: unknown = CONNECTORS[kind].configSchema;
  const object = schema instanceof z.ZodPipe ? schema.in : schema;
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}

export function normalizeConfig(file: ConfigFile, path?: string): CockpitConfig {
  return {
    file: path,
    sources: file.sources,
    freezes: file.freezes,
    dataDir: file.dataDir,
    historyRetentionDays: file.history.retentionDays,
    server: file.server,
    notifications: file.notifications,
    operator: file.operator,
  };
}
