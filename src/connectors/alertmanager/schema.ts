import { z } from 'zod';
import { checkGettableAlerts } from './fast-check.js';

const labelSet = z.record(z.string(), z.string());

/** `gettableAlert` from Alertmanager's api/v2/openapi.yaml (fields we read; others are ignored). */
export const gettableAlertSchema = z.object({
  labels: labelSet,
  annotations: labelSet.default({}),
  receivers: z.array(z.object({ name: z.string() })).default([]),
  fingerprint: z.string().min(1),
  startsAt: z.string(),
  updatedAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  status: z.object({
    state: z.enum(['unprocessed', 'active', 'suppressed']),
    silencedBy: z.array(z.string()).nullish(),
    inhibitedBy: z.array(z.string()).nullish(),
    mutedBy: z.array(z.string()).nullish(),
  }),
});
export type GettableAlert = z.output<typeof gettableAlertSchema>;

const gettableAlertListSchema = z.array(gettableAlertSchema);

/**
 * The alert list. The usual answer is checked by hand (fast-check.ts: 100k alerts in ~0.2 s instead of
 * ~0.8 s); anything else goes through the zod schema, whose issues (path and message) are passed on.
 */
export const gettableAlertsSchema: z.ZodType<GettableAlert[]> = z.unknown().transform((value, ctx) => {
  const checked = checkGettableAlerts(value);
  if (checked !== undefined) return checked;
  const parsed = gettableAlertListSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
  return z.NEVER;
});

export const postSilenceResponseSchema = z.object({ silenceID: z.string().min(1) });

/** `gettableSilence` from Alertmanager's api/v2/openapi.yaml. */
export const gettableSilenceSchema = z.object({
  id: z.string().min(1),
  status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
  matchers: z.array(
    z.object({
      name: z.string(),
      value: z.string(),
      isRegex: z.boolean(),
      isEqual: z.boolean().default(true),
    }),
  ),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
});
export type GettableSilence = z.output<typeof gettableSilenceSchema>;
