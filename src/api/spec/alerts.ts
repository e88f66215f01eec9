import { z } from 'zod';
import type { Alert } from '../../domain/index.js';
import type { AlertDetail, Board, Page, Timeline } from '../contract.js';
import { alertFilterSchema, alertIdSchema, silenceInputSchema, timelineInputSchema } from '../contract.js';
import type { ALERT_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

export const ALERT_SPEC = {
  listAlerts: { input: alertFilterSchema, output: returns<Page<Alert>>() },
  getAlert: { input: z.strictObject({ id: alertIdSchema }), output: returns<AlertDetail>() },
  getTimeline: { input: timelineInputSchema, output: returns<Timeline>() },
  getBoard: { input: z.strictObject({}), output: returns<Board>() },
  silenceAlert: {
    input: silenceInputSchema.extend({ id: alertIdSchema }),
    output: returns<Readonly<{ silenceId: string }>>(),
  },
} as const satisfies SpecFor<typeof ALERT_METHODS>;
