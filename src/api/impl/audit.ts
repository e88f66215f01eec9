import type { IAuditStore } from '../../cache/index.js';
import type { AUDIT_SPEC } from '../spec/audit.js';
import type { HandlersOf } from '../spec/types.js';

export type AuditHandlerDeps = Readonly<{ audit: Pick<IAuditStore, 'list'> }>;

/** The audit log as a page, newest first. */
export function createAuditHandlers(deps: AuditHandlerDeps): HandlersOf<typeof AUDIT_SPEC> {
  return {
    async getAudit({ limit, before }) {
      return { items: deps.audit.list(limit, before) };
    },
  };
}
