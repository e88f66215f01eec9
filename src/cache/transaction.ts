import type Database from 'better-sqlite3';

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a second
 * connection waits (busy_timeout) instead of failing halfway through. Inside another transaction it
 * becomes a savepoint, so a store's write joins the caller's commit (see `applyPoll`). Throwing
 * rolls everything back.
 */
export function inTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * One store's share of a poll, prepared before the transaction: `write` runs inside it, `committed`
 * after the commit, so memory a store keeps beside the file changes only once the rows are in.
 */
export type StagedWrite<Result> = Readonly<{ write: () => void; committed: () => Result }>;
