import { z } from 'zod';
import { ACK_COMMENT_MAX, ACK_NAME_MAX } from '../../domain/index.js';
import type { AckRecord, NotificationStateView } from '../../domain/index.js';
import { alertIdSchema } from '../contract.js';
import type { ACK_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

const personSchema = z
  .string()
  .trim()
  .min(1, 'say who you are (the operator name)')
  .max(ACK_NAME_MAX, `a name has at most ${ACK_NAME_MAX} characters`);

export const ACK_SPEC = {
  ackAlert: {
    input: z.strictObject({
      id: alertIdSchema,
      by: personSchema,
      comment: z.string().trim().max(ACK_COMMENT_MAX).optional(),
    }),
    output: returns<AckRecord>(),
  },
  unackAlert: {
    input: z.strictObject({ id: alertIdSchema, by: personSchema.optional() }),
    output: returns<AckRecord>(),
  },
  handoverAlert: {
    input: z.strictObject({ id: alertIdSchema, to: personSchema, by: personSchema.optional() }),
    output: returns<AckRecord>(),
  },
  getAlertAcks: { input: z.strictObject({ id: alertIdSchema }), output: returns<readonly AckRecord[]>() },
  getNotificationState: { input: z.strictObject({}), output: returns<NotificationStateView>() },
  snoozeNotifications: {
    input: z.strictObject({
      minutes: z.coerce
        .number()
        .int()
        .min(0, 'snooze 0 minutes ends a snooze')
        .max(24 * 60, 'snooze at most 24 hours (1440 minutes)'),
    }),
    output: returns<NotificationStateView>(),
  },
} as const satisfies SpecFor<typeof ACK_METHODS>;
