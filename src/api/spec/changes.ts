import { z } from 'zod';
import { CHANGE_KINDS } from '../../domain/index.js';
import type { AlertChange, Change, FreezeWindow } from '../../domain/index.js';
import { alertIdSchema } from '../contract.js';
import type { CHANGE_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

/** A list that may come as a repeated query key or one comma-separated value. */
const textList = z
  .union([z.array(z.string().max(400)), z.string().max(4000)])
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(',')).map((one) => one.trim()).filter(Boolean),
  );
const names = (max: number) => textList.pipe(z.array(z.string().max(max)).max(100)).optional();

const instant = z.iso.datetime({ offset: true, message: 'write an ISO time like 2026-12-02T08:00:00Z' });

export const changeQuerySchema = z
  .strictObject({
    /** Start of the range (default: 24 h ago). */
    from: instant.optional(),
    /** End of the range (default: 7 days ahead). */
    to: instant.optional(),
    service: names(200),
    kind: textList.pipe(z.array(z.enum(CHANGE_KINDS)).max(100)).optional(),
    environment: names(100),
    limit: z.coerce.number().int().min(1).max(10_000).default(2000),
  })
  .refine((input) => !input.from || !input.to || Date.parse(input.from) < Date.parse(input.to), {
    message: 'from must be before to',
    path: ['to'],
  })
  .refine(
    (input) => !input.from || !input.to || Date.parse(input.to) - Date.parse(input.from) <= 400 * 86_400_000,
    { message: 'a range spans at most 400 days', path: ['to'] },
  );
export type ChangeQueryInput = z.input<typeof changeQuerySchema>;

const rangeSchema = z.strictObject({ from: instant.optional(), to: instant.optional() });

/** The changes in a range, with the freeze windows over it (so a calendar draws both from one answer). */
export type ChangeList = Readonly<{
  items: readonly Change[];
  freezes: readonly FreezeWindow[];
  from: string;
  to: string;
  /** More changes matched than `limit`; narrow the range or the filters. */
  truncated: boolean;
}>;

/** Freeze windows in a range (config rules and calendars), and the one in force now and the next. */
export type Freezes = Readonly<{
  items: readonly FreezeWindow[];
  active?: FreezeWindow;
  next?: FreezeWindow;
}>;

/** "What changed" before an alert started, best candidate first. */
export type AlertChanges = Readonly<{ items: readonly AlertChange[]; lookBackMinutes: number }>;

export const CHANGE_SPEC = {
  listChanges: { input: changeQuerySchema, output: returns<ChangeList>() },
  getFreezes: { input: rangeSchema, output: returns<Freezes>() },
  getAlertChanges: {
    input: z.strictObject({
      id: alertIdSchema,
      lookBackMinutes: z.coerce
        .number()
        .int()
        .min(5)
        .max(7 * 24 * 60)
        .default(240),
    }),
    output: returns<AlertChanges>(),
  },
} as const satisfies SpecFor<typeof CHANGE_METHODS>;
