import { z } from 'zod';
import type { Runbook, RunbookReason, RunbookRevision, RunbookSummary } from '../../domain/index.js';
import { alertIdSchema } from '../contract.js';
import type { RUNBOOK_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

const services = z
  .union([z.array(z.string().max(200)).max(50), z.string().max(200)])
  .transform((value) => (Array.isArray(value) ? value : [value]).map((one) => one.trim()).filter(Boolean))
  .optional();

export const runbookQuerySchema = z.strictObject({
  /** Words or Chinese terms, all of which must match (titles and bodies). */
  q: z.string().max(200).optional(),
  service: services,
  owner: z.string().max(200).optional(),
  /** `true`: only runbooks past their shelf life; `false`: only those within it. */
  stale: z
    .enum(['true', 'false'], { message: 'write stale=true or stale=false' })
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type RunbookQueryInput = z.input<typeof runbookQuerySchema>;

/** The shelf: how many match, and one page of them, best first. */
export type RunbookList = Readonly<{ total: number; items: readonly RunbookSummary[]; maxAgeDays: number }>;

/** One runbook to read, with its stored revisions (newest first). */
export type RunbookDetail = Runbook & Readonly<{ revisions: readonly RunbookRevision[]; maxAgeDays: number }>;

/** The runbooks for an alert, the linked one first. */
export type AlertRunbooks = Readonly<{
  items: readonly Readonly<{ runbook: RunbookSummary; reason: RunbookReason }>[];
  /** The alert's runbook_url, also when it is not (yet) in the vault. */
  runbookUrl?: string;
}>;

const runbookIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9-]+$/, 'a runbook id from the shelf, like f-1a2b…');

export const RUNBOOK_SPEC = {
  listRunbooks: { input: runbookQuerySchema, output: returns<RunbookList>() },
  getRunbook: {
    input: z.strictObject({ id: runbookIdSchema, revision: z.string().min(1).max(200).optional() }),
    output: returns<RunbookDetail>(),
  },
  getAlertRunbooks: { input: z.strictObject({ id: alertIdSchema }), output: returns<AlertRunbooks>() },
} as const satisfies SpecFor<typeof RUNBOOK_METHODS>;
