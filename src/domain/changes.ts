/**
 * The change calendar: planned and actual changes (releases, config pushes, maintenance) and freeze
 * windows (封网 / 封板), from calendars, deploy feeds and the config's `freezes:`. Timestamps are
 * ISO-8601 UTC strings, like alerts'.
 */

export const CHANGE_KINDS = ['release', 'config', 'infra', 'database', 'network', 'drill', 'other'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * planned: not started yet. in-progress: between its start and end. done: ended. cancelled: called off
 * at the source (iCalendar STATUS:CANCELLED). failed: the source says it failed (X-CHANGE-STATUS).
 */
export const CHANGE_STATUSES = ['planned', 'in-progress', 'done', 'cancelled', 'failed'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** One change (one occurrence of a recurring series) as a connector reports it. */
export type ChangeRecord = Readonly<{
  /** Stable across polls: `${sourceId}:${uid}` plus the occurrence's start for a recurring series. */
  id: string;
  sourceId: string;
  title: string;
  description: string;
  kind: ChangeKind;
  /** The services it touches; empty when the source does not say. */
  services: readonly string[];
  environment?: string;
  operator?: string;
  startsAt: string;
  endsAt: string;
  /** As the source declares it; `effectiveStatus` turns planned/done into what the clock says. */
  status: ChangeStatus;
  url?: string;
}>;

/** The freeze a change was made in, and whether an exemption let it through. */
export type FreezeHit = Readonly<{
  name: string;
  /** Why the change was allowed anyway ("exempt: payments-hotfix", "green channel approved by …"). */
  exemptBy?: string;
}>;

/** A change as the api answers it: with the freeze it falls in and the stale mark of its source. */
export type Change = ChangeRecord &
  Readonly<{
    /** True when it starts inside a freeze window that applies to it and no exemption covers it. */
    insideFreeze: boolean;
    freeze?: FreezeHit;
    /** Its source's last poll failed: shown dimmed, "as of" the source's last success. */
    stale?: boolean;
  }>;

/** A green channel: one service may change during a freeze for a while, with who approved it. */
export type FreezeGreenChannel = Readonly<{
  service: string;
  startsAt: string;
  endsAt: string;
  approvedBy: string;
}>;

/** A wall-clock date and time in a freeze rule's time zone; `minutes` may be 1440 (24:00). */
export type LocalDateTime = Readonly<{ year: number; month: number; day: number; minutes: number }>;

/** A time of the week: `weekday` 0 is Sunday, `minutes` after midnight. */
export type WeekTime = Readonly<{ weekday: number; minutes: number }>;

/** A freeze as configured under `freezes:`: a one-off date range or a weekly rule, in a time zone. */
export type FreezeRule = Readonly<{
  name: string;
  timeZone: string;
  when:
    | Readonly<{ type: 'once'; from: LocalDateTime; to: LocalDateTime }>
    | Readonly<{ type: 'weekly'; from: WeekTime; to: WeekTime }>;
  environments: readonly string[];
  exemptions: readonly string[];
  greenChannels: readonly FreezeGreenChannel[];
}>;

/** One concrete freeze window (a config rule's occurrence, or a FREEZE event of a calendar). */
export type FreezeWindow = Readonly<{
  name: string;
  startsAt: string;
  endsAt: string;
  /** Environments it applies to; empty means every environment. */
  environments: readonly string[];
  /** Services allowed to change during it. */
  exemptions: readonly string[];
  greenChannels: readonly FreezeGreenChannel[];
  /** `config`, or the id of the calendar source it came from. */
  source: string;
}>;

/** What one successful poll of a change source produced. */
export type ChangeBatch = Readonly<{
  sourceId: string;
  takenAt: string;
  /** The range the source was read over: changes of this source in it are replaced by these. */
  from: string;
  to: string;
  changes: readonly ChangeRecord[];
  freezes: readonly FreezeWindow[];
}>;

/** Why a change is a candidate cause of an alert, in parts a renderer can put into words. */
export type ChangeReason = Readonly<{
  /** Hops between the alert's service and the change's; 0 is the same service. */
  hops: number;
  /** Minutes from the change's start to the alert's start (negative: it started after). */
  minutesBefore: number;
  /** The change was still running when the alert started. */
  inProgress: boolean;
  /** The same in English, for logs and the HTTP api. */
  text: string;
}>;

/** A candidate cause of an alert. */
export type AlertChange = Readonly<{ change: Change; score: number; reason: ChangeReason }>;

/** The status a change has now: a planned change whose start has passed is in progress, then done. */
export function effectiveStatus(
  change: Pick<ChangeRecord, 'status' | 'startsAt' | 'endsAt'>,
  nowMs: number,
): ChangeStatus {
  if (change.status === 'cancelled' || change.status === 'failed') return change.status;
  if (nowMs < Date.parse(change.startsAt)) return 'planned';
  if (nowMs < Date.parse(change.endsAt)) return 'in-progress';
  return 'done';
}
