/** One command as the audit log keeps it: who ran it, with which role, from where, when, and its outcome. */
export type AuditEntry = Readonly<{
  id: number;
  /** ISO time the command finished. */
  at: string;
  method: string;
  /** The caller's configured name; absent for an unnamed token or a loopback host without tokens. */
  who?: string;
  role: 'viewer' | 'operator';
  /** The client's address (HTTP), absent for the desktop window. */
  address?: string;
  via: 'http' | 'desktop';
  /** What the command was about (its path parameters, e.g. the alert id), as JSON. */
  target: string;
  /** `ok`, or the error code the caller was answered. */
  outcome: string;
  /** The result's message on failure, or the command's answer (e.g. the silence id) on success. */
  detail?: string;
}>;

export type AuditRecord = Omit<AuditEntry, 'id'>;

/** How many entries the audit log keeps; older ones are dropped as new ones arrive. */
export const AUDIT_MAX_ENTRIES = 100_000;
