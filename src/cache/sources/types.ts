import type { SourceStatus } from '../../domain/index.js';

/** The health of each source after its latest poll, kept so a restart shows what was known. */
export interface ISourceStatusStore {
  /** Records the status of one source; a failed poll writes only this, and its data stays, stale. */
  save(status: SourceStatus): void;
  /** Every stored status, by source id. */
  list(): SourceStatus[];
  /** Ids of sources whose last poll failed (state stale or error): their data is shown as stale. */
  staleSourceIds(): ReadonlySet<string>;
  /** Drops the status of sources not listed. Returns the statuses removed. */
  forgetSourcesExcept(sourceIds: readonly string[]): number;
}
