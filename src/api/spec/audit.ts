import { z } from 'zod';
import type { AuditEntry } from '../../domain/index.js';
import type { AUDIT_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

export const AUDIT_SPEC = {
  getAudit: {
    input: z.strictObject({
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      /** An entry id: the page of entries older than it. */
      before: z.coerce.number().int().min(1).optional(),
    }),
    output: returns<Readonly<{ items: readonly AuditEntry[] }>>(),
  },
} as const satisfies SpecFor<typeof AUDIT_METHODS>;
