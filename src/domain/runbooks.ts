/**
 * The runbook vault (预案 / SOP): every runbook an alert points to and every runbook of the team's
 * folders, kept in the cache with the time it was fetched and the revision it came from, so it reads
 * the same when the wiki, SSO and DNS are down. The body is untrusted: only `html`, sanitized in the
 * core before it is stored, is ever rendered.
 */

export const RUNBOOK_ORIGINS = ['folder', 'url'] as const;
/** Where a runbook came from: a scanned folder (often a git checkout) or a prefetched `runbook_url`. */
export type RunbookOrigin = (typeof RUNBOOK_ORIGINS)[number];

export const RUNBOOK_FORMATS = ['markdown', 'html'] as const;
export type RunbookFormat = (typeof RUNBOOK_FORMATS)[number];

export const RUNBOOK_CONTENT_STATUSES = ['fresh', 'cached', 'unreachable'] as const;
/**
 * fresh: the last fetch or scan confirmed it. cached: the last attempt failed, the stored revision is
 * shown. unreachable: it was never fetched successfully (only the problem is known).
 */
export type RunbookContentStatus = (typeof RUNBOOK_CONTENT_STATUSES)[number];

export const RUNBOOK_REASONS = ['runbook_url', 'front-matter', 'full-text'] as const;
/** Why a runbook is suggested for an alert. */
export type RunbookReason = (typeof RUNBOOK_REASONS)[number];

/** Shelf life when `runbooks.maxAge` is not set: 90 days since the last drill or review. */
export const DEFAULT_RUNBOOK_MAX_AGE_DAYS = 90;
/** How many earlier revisions of one runbook the cache keeps. */
export const RUNBOOK_REVISIONS_KEPT = 10;

/** One step of a structured runbook. */
export type RunbookStep = Readonly<{
  title: string;
  /** Expected duration in minutes, when the runbook says. */
  durationMinutes?: number;
  /** How to tell the step worked. */
  check?: string;
  rollback?: string;
}>;

/** A heading of the sanitized html, for the reader's table of contents. */
export type RunbookHeading = Readonly<{ level: number; text: string; anchor: string }>;

/** A runbook as the cache stores it. Dates are ISO strings. */
export type RunbookRecord = Readonly<{
  id: string;
  title: string;
  /** The source text as fetched (markdown, or the readable part of an HTML page). Never rendered. */
  body: string;
  format: RunbookFormat;
  source: RunbookOrigin;
  /** File path (folder) or URL. */
  location: string;
  /** Git commit, ETag or content hash (`sha256:…`). */
  revision: string;
  fetchedAt: string;
  updatedAt: string;
  owner?: string;
  services: readonly string[];
  alerts: readonly string[];
  lastDrill?: string;
  reviewBy?: string;
  steps?: readonly RunbookStep[];
  /** Sanitized in the core before storing: the only form the renderer shows. */
  html: string;
  toc: readonly RunbookHeading[];
  contentStatus: RunbookContentStatus;
  /** The last fetch's or scan's problem, as a sentence (the stored revision stays readable). */
  problem?: string;
}>;

/** A runbook as the api answers it: the record with its shelf life worked out. */
export type Runbook = RunbookRecord &
  Readonly<{
    /** Shelf life exceeded: not drilled or reviewed within `maxAge`, or past `review_by`. */
    stale: boolean;
    /** Days since the last drill (or review) when known. */
    daysSinceDrill?: number;
  }>;

/** A run of snippet text; `hit` marks the words the search matched. */
export type SnippetPart = Readonly<{ text: string; hit: boolean }>;

/** One row of the shelf. */
export type RunbookSummary = Readonly<{
  id: string;
  title: string;
  snippet: readonly SnippetPart[];
  services: readonly string[];
  owner?: string;
  source: RunbookOrigin;
  location: string;
  fetchedAt: string;
  revision: string;
  stale: boolean;
  daysSinceDrill?: number;
  contentStatus: RunbookContentStatus;
}>;

/** A stored earlier (or the current) revision of a runbook. */
export type RunbookRevision = Readonly<{ revision: string; fetchedAt: string; current: boolean }>;

/** A runbook written by one poll of the runbooks source (content new or changed). */
export type RunbookDocument = Omit<RunbookRecord, 'contentStatus' | 'problem'> &
  Readonly<{
    /** Plain text of the body, what search indexes and snippets come from. */
    plain: string;
    etag?: string;
    lastModified?: string;
  }>;

/** What one poll of the runbooks source learned. */
export type RunbookBatch = Readonly<{
  sourceId: string;
  /** New or changed content. */
  documents: readonly RunbookDocument[];
  /** Unchanged (304, same hash): only `fetchedAt` moves and the status turns fresh. */
  confirmed: readonly Readonly<{ id: string; fetchedAt: string }>[];
  /** Runbooks whose fetch or parse failed this time; a stored revision stays readable, marked cached. */
  failed: readonly Readonly<{ id: string; source: RunbookOrigin; location: string; problem: string }>[];
  /** Every folder runbook id seen by a complete scan; folder runbooks not listed are gone. */
  folderIds?: readonly string[];
}>;

const DAY_MS = 86_400_000;

/** Shelf life (预案有保鲜期): stale when the last drill is older than `maxAgeMs` or `review_by` has passed. */
export function shelfLife(
  record: Pick<RunbookRecord, 'lastDrill' | 'reviewBy' | 'updatedAt'>,
  nowMs: number,
  maxAgeMs: number,
): Readonly<{ stale: boolean; daysSinceDrill?: number }> {
  const drilled = record.lastDrill ? Date.parse(record.lastDrill) : Number.NaN;
  const reviewBy = record.reviewBy ? Date.parse(record.reviewBy) : Number.NaN;
  const daysSinceDrill = Number.isFinite(drilled) ? Math.floor((nowMs - drilled) / DAY_MS) : undefined;
  const overdue = Number.isFinite(reviewBy) && reviewBy < nowMs;
  // Never drilled and no review date: it has never been proven, so it is past its shelf life too.
  const tooOld = Number.isFinite(drilled) ? nowMs - drilled > maxAgeMs : !Number.isFinite(reviewBy);
  return { stale: overdue || tooOld, ...(daysSinceDrill === undefined ? {} : { daysSinceDrill }) };
}

/** What the prefetcher needs to ask a page again conditionally, and to tell a new revision. */
export type RunbookValidators = Readonly<{
  etag?: string;
  lastModified?: string;
  revision: string;
  fetchedAtMs: number;
}>;
