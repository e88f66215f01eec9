import { z } from 'zod';
import type { Alert, Silence } from '../../domain/index.js';
import type { AlertDetail, Board, Page, Timeline } from '../contract.js';
import {
  alertFilterSchema,
  alertIdSchema,
  flag,
  extendSilenceInputSchema,
  silenceInputSchema,
  timelineInputSchema,
  unsilenceInputSchema,
} from '../contract.js';
import type { ALERT_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

export const ALERT_SPEC = {
  listAlerts: { input: alertFilterSchema, output: returns<Page<Alert>>() },
  getAlert: { input: z.strictObject({ id: alertIdSchema }), output: returns<AlertDetail>() },
  getTimeline: { input: timelineInputSchema, output: returns<Timeline>() },
  getBoard: {
    // Storm folding is on unless `fold=false`.
    input: z.strictObject({ fold: flag.default(true) }),
    output: returns<Board>(),
  },
  silenceAlert: {
    input: silenceInputSchema.extend({ id: alertIdSchema }),
    output: returns<Silence>(),
  },
  getAlertSilences: { input: z.strictObject({ id: alertIdSchema }), output: returns<readonly Silence[]>() },
  unsilenceAlert: {
    input: unsilenceInputSchema,
    output: returns<Readonly<{ expired: readonly string[] }>>(),
  },
  extendSilence: { input: extendSilenceInputSchema, output: returns<Silence>() },
} as const satisfies SpecFor<typeof ALERT_METHODS>;
