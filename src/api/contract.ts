/**
 * The CockpitApi contract: the one door into the core. Both hosts (Electron IPC, HTTP + SSE) and the
 * renderer's transports derive from this file. Inputs have zod schemas; outputs are plain data that
 * survives structuredClone and JSON.
 */
import { z } from 'zod';
import { ALERT_STATES, SEVERITIES } from '../domain/index.js';
import type { ServiceGroup } from '../analysis/board.js';

export type { GroupSummary, RuleGroup, ServiceGroup } from '../analysis/board.js';
import type {
  Alert,
  AlertHistoryEvent,
  AlertState,
  Severity,
  SourceInfo,
  SourceState,
} from '../domain/index.js';

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.array(z.enum(values)), z.enum(values)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional();

export const ALERT_SORTS = ['severity', 'startsAt', 'name', 'service', 'source'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

export const alertFilterSchema = z.strictObject({
  severity: csv(SEVERITIES),
  state: csv(ALERT_STATES),
  source: z
    .union([z.array(z.string().max(64)), z.string().max(64)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  service: z.string().max(200).optional(),
  /** Free text over name, summary, service and label values. */
  q: z.string().max(200).optional(),
  /** `key=value` label matchers, all of which must hold. */
  label: z
    .union([z.array(z.string().max(400)), z.string().max(400)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string().regex(/^[^=]+=.*$/, 'a label filter is written key=value')))
    .optional(),
  sort: z.enum(ALERT_SORTS).default('severity'),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AlertFilterInput = z.input<typeof alertFilterSchema>;
export type AlertFilter = z.output<typeof alertFilterSchema>;

export const alertIdSchema = z.string().min(1).max(300);

export const silenceInputSchema = z.strictObject({
  durationMinutes: z
    .number()
    .int()
    .min(1, 'a silence lasts at least one minute')
    .max(60 * 24 * 30, 'a silence lasts at most 30 days'),
  comment: z.string().trim().min(1, 'say why you are silencing this alert').max(2000),
  /** Who is silencing; defaults to the configured operator or the OS user name. */
  createdBy: z.string().trim().min(1).max(200).optional(),
});
export type SilenceInput = z.input<typeof silenceInputSchema>;

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

export type Page<T> = Readonly<{ total: number; items: readonly T[] }>;

export type SeverityCounts = Readonly<Record<Severity, number>>;

export type Overview = Readonly<{
  /** Alerts in state firing (not silenced, not acknowledged), by severity. */
  firing: SeverityCounts;
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
export type Board = Readonly<{ total: number; groups: readonly ServiceGroup[] }>;

export type AlertDetail = Alert & Readonly<{ history: readonly AlertHistoryEvent[] }>;

/** Firing alerts over time, per severity, counted from history: one point per bucket. */
export type Timeline = Readonly<{
  from: string;
  to: string;
  bucketMinutes: number;
  buckets: readonly Readonly<{ at: string } & SeverityCounts>[];
}>;

export const CHANGE_TOPICS = ['alerts', 'sources', 'overview'] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];
export type ChangeEvent = Readonly<{ topics: readonly ChangeTopic[]; version: number }>;

export type ApiError = Readonly<{ code: ApiErrorCode; message: string }>;
/** `forbidden`: a desktop IPC call from a frame that is not the cockpit window. */
export type ApiErrorCode =
  'invalid-input' | 'not-found' | 'unsupported' | 'source-error' | 'forbidden' | 'internal';
export type Result<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ApiError }>;

export type Disposable = Readonly<{ dispose(): void }>;

/** The CockpitApi. Every method is async; commands return result envelopes and never throw. */
export interface ICockpitApi {
  getOverview(): Promise<Overview>;
  listAlerts(filter?: AlertFilterInput): Promise<Page<Alert>>;
  getAlert(id: string): Promise<AlertDetail | undefined>;
  listSources(): Promise<Readonly<{ sources: readonly SourceInfo[] }>>;
  getTimeline(input?: TimelineInput): Promise<Timeline>;
  /** Firing, acknowledged and silenced alerts grouped by service and rule, for the war room. */
  getBoard(): Promise<Board>;
  silenceAlert(id: string, input: SilenceInput): Promise<Result<Readonly<{ silenceId: string }>>>;
  onDidChange(listener: (event: ChangeEvent) => void): Disposable;
}

/** Method names that cross a process boundary (IPC channels and HTTP routes derive from these). */
export const API_METHODS = [
  'getOverview',
  'listAlerts',
  'getAlert',
  'listSources',
  'getTimeline',
  'getBoard',
  'silenceAlert',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];
