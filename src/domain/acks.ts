/**
 * Claims (认领): one person takes an alert, everyone sees who. The ledger keeps every claim, the
 * current one open (`endedAt` absent) and the earlier ones as history.
 */

/** Where a claim was written back (an Alertmanager silence, later an Icinga or PagerDuty ack), and its id there. */
export type AckWrittenBack = Readonly<{ where: string; id: string }>;

/** What an alert on the wire carries of its current claim. */
export type AlertAck = Readonly<{
  by: string;
  /** ISO time the claim was taken. */
  at: string;
  comment?: string;
  writtenBack?: AckWrittenBack;
  /** When the write-back ends unless it is extended (a silence's end). */
  expiresAt?: string;
  /** A sentence when the write-back failed: the claim holds in the cockpit only. */
  writeBackError?: string;
}>;

/** Why a claim ended. */
export const ACK_END_REASONS = ['released', 'handed-over', 'resolved'] as const;
export type AckEndReason = (typeof ACK_END_REASONS)[number];

/** One claim as the ledger keeps it. */
export type AckRecord = AlertAck &
  Readonly<{
    id: number;
    alertId: string;
    sourceId: string;
    endedAt?: string;
    endReason?: AckEndReason;
    /** Who ended it (release, handover); absent when the alert resolved. */
    endedBy?: string;
  }>;

/** The longest name or comment a claim keeps. */
export const ACK_NAME_MAX = 200;
export const ACK_COMMENT_MAX = 1000;

/** "acknowledged by X": the comment a write-back leaves at the source, so teammates see who owns it. */
export function ackComment(by: string, comment?: string): string {
  return comment ? `acknowledged by ${by}: ${comment}` : `acknowledged by ${by}`;
}
