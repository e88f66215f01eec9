/** Kinds a person writes under `sources:`. */
export const CONFIGURED_SOURCE_KINDS = [
  'alertmanager',
  'prometheus',
  'demo',
  'ical',
  'caldav',
  'changes-json',
  'pagerduty-changes',
  'catalog-files',
  'backstage',
] as const;
/** Kinds the cockpit makes from other keys (`slo:` makes the `slo` source); never written under `sources:`. */
export const DERIVED_SOURCE_KINDS = ['slo', 'runbooks'] as const;
export const SOURCE_KINDS = [...CONFIGURED_SOURCE_KINDS, ...DERIVED_SOURCE_KINDS] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/**
 * The kinds whose sources bring alerts (what the alert list's source filter offers); a test checks it
 * against every connector's `produces`.
 */
export const ALERT_SOURCE_KINDS: readonly SourceKind[] = ['alertmanager', 'prometheus', 'demo'];

export const SOURCE_STATES = ['pending', 'ok', 'stale', 'error'] as const;
/**
 * pending: not polled yet. ok: last poll succeeded. stale: last poll failed but earlier good data is
 * still shown. error: polls fail and there has never been good data.
 */
export type SourceState = (typeof SOURCE_STATES)[number];

/** The health of one source after its latest poll. */
export type SourceStatus = Readonly<{
  sourceId: string;
  state: SourceState;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** A sentence a person can act on; never contains credentials. */
  lastError?: string;
  lastDurationMs?: number;
  consecutiveFailures: number;
  itemCount: number;
  /** For HA sources: which member URLs answered the last poll. */
  members?: readonly MemberStatus[];
  /** When the next poll is due (ISO), for "retrying in 40 s". */
  nextPollAt?: string;
  paused?: boolean;
}>;

export type MemberStatus = Readonly<{ url: string; ok: boolean; error?: string }>;

/** What the api shows about a source: its identity and its status. */
export type SourceInfo = SourceStatus &
  Readonly<{
    id: string;
    kind: SourceKind;
    name: string;
    urls: readonly string[];
    insecureTls: boolean;
    /** How often it is polled: what "fresh" means for this source. */
    intervalMs: number;
  }>;
