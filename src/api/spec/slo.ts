import { z } from 'zod';
import type { ScenarioStatus, SloDetail, SloList } from '../../domain/index.js';
import type { SLO_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

export const SLO_SPEC = {
  listSlos: { input: z.strictObject({}), output: returns<SloList>() },
  getSlo: {
    input: z.strictObject({
      id: z.string().min(1).max(300),
      /** How far back the burn-down and SLI series go. */
      hours: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 90)
        .default(24),
    }),
    output: returns<SloDetail>(),
  },
  listScenarios: {
    input: z.strictObject({}),
    output: returns<Readonly<{ items: readonly ScenarioStatus[] }>>(),
  },
} as const satisfies SpecFor<typeof SLO_METHODS>;
