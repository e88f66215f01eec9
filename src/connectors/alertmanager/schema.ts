import { z } from 'zod';

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

export const gettableAlertsSchema = z.array(gettableAlertSchema);

export const postSilenceResponseSchema = z.object({ silenceID: z.string().min(1) });
