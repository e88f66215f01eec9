/**
 * The alert and source schemas and output types of the CockpitApi, and the names callers import.
 * The method table is methods.ts; each method's spec (input schema, output type) is in spec/.
 * Outputs are plain data that survives structuredClone and JSON.
 */
import { z } from 'zod';
import { ALERT_SORTS, ALERT_STATES, SEVERITIES, SILENCE_MAX_MINUTES } from '../domain/index.js';
import type { AlertFilter, SeverityCounts } from '../domain/index.js';
import type { ServiceGroup } from '../analysis/board.js';
import type { AlertTopology, BoardFold } from './spec/topology.js';

export type { GroupSummary, RuleGroup, ServiceGroup } from '../analysis/board.js';
import type { Alert, AlertHistoryEvent, AlertState, SourceState } from '../domain/index.js';

/**
 * Bounds on repeated query parameters: each list item becomes an SQL term, and SQLite refuses a
 * statement past its expression-depth limit (1000) with a 500. Far above what a filter bar sends.
 */
export const MAX_LIST_ITEMS = 50;

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.array(z.enum(values)).max(MAX_LIST_ITEMS), z.enum(values)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional();

/** A query-string boolean: `true`/`false`/`1`/`0` (a JSON body may send a real boolean). */
export const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

export { ALERT_SORTS } from '../domain/index.js';
export type { AlertCounts, AlertFilter, AlertSort, Page, SeverityCounts, Timeline } from '../domain/index.js';

export const alertFilterSchema = z.strictObject({
  severity: csv(SEVERITIES),
  state: csv(ALERT_STATES),
  source: z
    .union([z.array(z.string().max(64)).max(MAX_LIST_ITEMS), z.string().max(64)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  service: z.string().max(200).optional(),
  /** Free text over name, summary, service and label values. */
  q: z.string().max(200).optional(),
  /** `key=value` label matchers, all of which must hold. */
  label: z
    .union([z.array(z.string().max(400)).max(MAX_LIST_ITEMS), z.string().max(400)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string().regex(/^[^=]+=.*$/, 'a label filter is written key=value')))
    .optional(),
  /** Only alerts nobody has claimed (认领). */
  unclaimed: flag.optional(),
  sort: z.enum(ALERT_SORTS).default('severity'),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
  // The cache reads the parsed filter as the domain's AlertFilter: the two must not drift apart.
}) satisfies z.ZodType<AlertFilter>;
export type AlertFilterInput = z.input<typeof alertFilterSchema>;

export const alertIdSchema = z.string().min(1).max(300);

export const silenceInputSchema = z.strictObject({
  durationMinutes: z
    .number()
    .int()
    .min(1, 'a silence lasts at least one minute')
    .max(SILENCE_MAX_MINUTES, 'a silence lasts at most 30 days'),
  comment: z.string().trim().min(1, 'say why you are silencing this alert').max(2000),
  /** Who is silencing; defaults to the configured operator or the OS user name. */
  createdBy: z.string().trim().min(1).max(200).optional(),
});
export type SilenceInput = z.input<typeof silenceInputSchema>;

/** A silence id as Alertmanager gives it (a UUID); checked before it reaches a URL path. */
export const silenceIdSchema = z
  .string()
  .regex(/^[0-9A-Za-z-]{1,64}$/, 'a silence id is letters, digits and - (a UUID from Alertmanager)');

export const unsilenceInputSchema = z.strictObject({
  id: alertIdSchema,
  silenceId: silenceIdSchema.optional(),
});
export type UnsilenceInput = z.input<typeof unsilenceInputSchema>;

export const extendSilenceInputSchema = z.strictObject({
  id: alertIdSchema,
  silenceId: silenceIdSchema,
  durationMinutes: silenceInputSchema.shape.durationMinutes,
});
export type ExtendSilenceInput = z.input<typeof extendSilenceInputSchema>;

export const timelineInputSchema = z.strictObject({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(6),
  bucketMinutes: z.coerce.number().int().min(1).max(240).default(5),
});
export type TimelineInput = z.input<typeof timelineInputSchema>;

export type Overview = Readonly<{
  /** Alerts in state firing (not silenced, not acknowledged), by severity. */
  firing: SeverityCounts;
  /** Firing alerts nobody has claimed, by severity (the tray's colour, the siren). */
  unclaimed: SeverityCounts;
  byState: Readonly<Record<AlertState, number>>;
  sources: Readonly<Record<SourceState, number>> & Readonly<{ total: number }>;
  /** Newest successful poll over all sources (ISO), for "last updated N s ago". */
  lastUpdatedAt?: string;
  /** Oldest successful poll among sources that have one: how old the oldest data on screen is. */
  oldestUpdatedAt?: string;
  generatedAt: string;
  version: number;
}>;

/** The war-room board: every service with alerts, worst first, each with its rules worst first. */
export type Board = Readonly<{
  total: number;
  /** Every group; one folded into a storm names its lowest failing node in `foldedUnder`. */
  groups: readonly (ServiceGroup & Readonly<{ foldedUnder?: string }>)[];
  /** Storms folded under their lowest failing dependency (absent with `fold=false` or no topology). */
  folds?: readonly BoardFold[];
}>;

export type AlertDetail = Alert &
  Readonly<{
    history: readonly AlertHistoryEvent[];
    /** Where the alert sits in the topology, when it maps to an item. */
    topology?: AlertTopology;
  }>;

export type { ICockpitApi } from './client.js';
export type { AlertChanges, ChangeList, ChangeQueryInput, Freezes } from './spec/changes.js';
export type {
  AlertTopology,
  BoardFold,
  TopologyAlertSummary,
  TopologyGraphView,
  TopologyItemDetail,
} from './spec/topology.js';
export type { AlertRunbooks, RunbookDetail, RunbookList, RunbookQueryInput } from './spec/runbooks.js';
export type { ChangeTopic } from './methods.js';
export { CHANGE_TOPICS } from './methods.js';
export type { ApiError, ApiErrorCode, ChangeEvent, Disposable, Result } from './wire.js';
