import type { ChangeBatch, ChangeKind, ChangeRecord, FreezeWindow } from '../../domain/index.js';

/** What writing one change batch did. */
export type ChangesApplied = Readonly<{
  inserted: number;
  updated: number;
  removed: number;
  /** The source's freeze windows differ from before. */
  freezesChanged: boolean;
}>;

export type ChangeQuery = Readonly<{
  fromMs: number;
  toMs: number;
  services?: readonly string[];
  kinds?: readonly ChangeKind[];
  environments?: readonly string[];
  limit: number;
}>;

/** A change record as stored, with whether its source's last poll failed. */
export type StoredChange = Readonly<{ record: ChangeRecord; stale: boolean }>;

/** The changes domain of the cache: change occurrences and calendar freeze windows, per source. */
export interface IChangeStore {
  /** Replaces the source's changes and freezes inside the batch's range (outside it, history stays). */
  applyBatch(batch: ChangeBatch): ChangesApplied;
  /** Changes overlapping [fromMs, toMs), by start, filtered; at most `limit`. */
  listChanges(query: ChangeQuery): StoredChange[];
  /** Changes that started in the look-back before `atMs`, or earlier and still ran at `atMs`. */
  changesBefore(atMs: number, lookBackMs: number): StoredChange[];
  /** Freeze windows from calendars overlapping [fromMs, toMs). */
  freezeWindows(fromMs: number, toMs: number): FreezeWindow[];
  /** Deletes changes and freezes that ended before the cutoff; returns rows removed. */
  pruneBefore(cutoffMs: number): number;
  forgetSourcesExcept(sourceIds: readonly string[]): number;
}
