import type { RunbookValidators } from '../../domain/index.js';
export type { RunbookValidators } from '../../domain/index.js';
import type {
  RunbookBatch,
  RunbookOrigin,
  RunbookRecord,
  RunbookRevision,
  SnippetPart,
} from '../../domain/index.js';
import type { StagedWrite } from '../transaction.js';

/** What writing one runbook batch did. */
export type RunbooksApplied = Readonly<{
  written: number;
  confirmed: number;
  failed: number;
  removed: number;
  /** Something a reader would see changed (content, status or problem). */
  changed: boolean;
}>;

export type RunbookSearch = Readonly<{
  q?: string;
  services?: readonly string[];
  owner?: string;
  /** Only runbooks past (true) or within (false) their shelf life. */
  stale?: boolean;
  nowMs: number;
  maxAgeMs: number;
  limit: number;
  offset: number;
}>;

/** One search hit: the columns the shelf shows, and its snippet. */
export type RunbookHit = Readonly<{
  id: string;
  title: string;
  owner?: string;
  services: readonly string[];
  source: RunbookOrigin;
  location: string;
  revision: string;
  fetchedAt: string;
  contentStatus: RunbookRecord['contentStatus'];
  lastDrill?: string;
  reviewBy?: string;
  updatedAt: string;
  snippet: readonly SnippetPart[];
}>;

/** The runbooks domain of the cache. */
export interface IRunbookStore {
  stage(batch: RunbookBatch): StagedWrite<RunbooksApplied>;
  search(query: RunbookSearch): Readonly<{ total: number; items: RunbookHit[] }>;
  get(id: string): RunbookRecord | undefined;
  /** A stored revision of one runbook (the current one too). */
  getRevision(id: string, revision: string): RunbookRecord | undefined;
  revisions(id: string): RunbookRevision[];
  /** Runbooks whose front matter names the alert or one of the services. */
  linkedTo(alertName: string, services: readonly string[], limit: number): RunbookRecord[];
  byLocation(location: string): RunbookRecord | undefined;
  validators(id: string): RunbookValidators | undefined;
  /** The `runbook_url`s of the cached alerts that have not resolved, at most `limit`. */
  alertRunbookUrls(limit: number): string[];
  forgetAll(): number;
}
