import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { CacheError, errorMessage, isCorruptionError } from './errors.js';
import { assertSchemaNotNewer, migrate } from './migrations/index.js';

export type OpenDatabaseOptions = Readonly<{
  logger: Logger;
  /** How long a statement waits for a lock held by another connection before failing. */
  busyTimeoutMs?: number;
  /** better-sqlite3's native module built for another ABI (Electron's); Node's build by default. */
  nativeBinding?: string;
}>;

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** After a checkpoint, shrink the -wal file back to this size (a first 100k-alert poll grows it a lot). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

const PAGE_CACHE_KB = 32 * 1024;

/**
 * SQLite checkpoints (copies the -wal file into the database) inside the commit that takes the WAL
 * past `wal_autocheckpoint` pages: by default 1 000, so every warm 100k poll (~19 000 pages) paid
 * ~250 ms for it before its alerts were published. The cache checkpoints right after a poll instead
 * (`scheduleCheckpoint`); this is only the backstop for writes no poll follows (100 MB of WAL).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 25_000;

/**
 * Opens the cache file: the only place that opens SQLite. Sets the pragmas, refuses a newer schema,
 * checks the file (`quick_check`) and runs migrations. Throws a CacheError with code `corrupt` when
 * the file is damaged (the caller may move it aside), `newer-schema` or `open-failed` otherwise.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : undefined);
  } catch (error) {
    throw classifyOpenError(file, error);
  }
  try {
    const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Before anything writes to the file: a newer app's database is left exactly as it was.
    assertSchemaNotNewer(db, file);
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      options.logger.warn(
        `cache file ${file}: SQLite could not use WAL (journal mode is ${String(journalMode)})`,
      );
    }
    // The cache is rebuilt from the backends on the next poll, so durability of the very last commit
    // does not matter: WAL + NORMAL never corrupts the file and may only lose the last commits on
    // power loss (FULL would fsync on every commit). User-authored state belongs in a FULL database.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    // Bounds the work of ANALYZE (run by PRAGMA optimize) to a sample, so it stays a few ms at 100k alerts.
    db.pragma('analysis_limit = 1000');
    // SQLite's default page cache is 2 MB. At 100k alerts the indexes alone are hundreds of MB, and
    // every write of a poll lands on a random page: 32 MB took a first 100k poll's write from ~29 s
    // to ~20 s on our 2-core machines. It is an upper bound, reached only by large caches.
    db.pragma(`cache_size = -${PAGE_CACHE_KB}`);
    if (closedCleanly(file)) {
      options.logger.debug(
        `cache file ${file}: closed cleanly last time and unchanged since; quick_check skipped`,
      );
    } else {
      quickCheck(db, file);
    }
    migrate(db, file, options.logger);
    // SQLite's advice for long-lived connections: refresh planner statistics that are missing or stale.
    db.pragma('optimize = 0x10002');
    return db;
  } catch (error) {
    db.close();
    throw classifyOpenError(file, error);
  }
}

/** Checkpoints the WAL once the current task is done (coalesced); `cancel` before closing. */
export type Checkpointer = Readonly<{ soon(): void; cancel(): void }>;

export function createCheckpointer(db: Database.Database, logger: Logger): Checkpointer {
  let pending: NodeJS.Immediate | undefined;
  return {
    soon() {
      if (pending !== undefined) return;
      pending = setImmediate(() => {
        pending = undefined;
        if (!db.open) return;
        try {
          // PASSIVE: copies what no reader still needs and never waits for one.
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch (error) {
          logger.warn(`cache file ${db.name}: WAL checkpoint failed: ${errorMessage(error)}`);
        }
      });
      pending.unref();
    },
    cancel() {
      if (pending !== undefined) clearImmediate(pending);
      pending = undefined;
    },
  };
}

/** Lets SQLite refresh its query-planner statistics, then closes the connection. */
export function closeDatabase(db: Database.Database, logger: Logger): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } catch (error) {
    logger.warn(`cache file ${db.name}: PRAGMA optimize failed on close: ${errorMessage(error)}`);
  }
  db.close();
  markClosedCleanly(db.name);
}

/**
 * After a clean close, `<file>.clean` records the file's size and modification time. quick_check
 * reads every page (about 0.7 s for a 100k-alert cache), so it runs only when the last run did not
 * close cleanly (a crash, a kill) or the file changed since. The marker is removed at open, so a
 * crash during this run means a check next time.
 */
function closedCleanly(file: string): boolean {
  const marker = `${file}.clean`;
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(marker, 'utf8'));
  } catch {
    return false;
  }
  rmSync(marker, { force: true });
  try {
    const { size, mtimeMs } = statSync(file);
    const { size: cleanSize, mtimeMs: cleanMtimeMs } = recorded as { size?: unknown; mtimeMs?: unknown };
    return size === cleanSize && mtimeMs === cleanMtimeMs;
  } catch {
    return false;
  }
}

function markClosedCleanly(file: string): void {
  try {
    const { size, mtimeMs } = statSync(file);
    writeFileSync(`${file}.clean`, JSON.stringify({ size, mtimeMs }));
  } catch {
    // Without the marker the next start simply runs quick_check.
  }
}

function quickCheck(db: Database.Database, file: string): void {
  const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  const first = problems[0]?.quick_check;
  if (first !== 'ok') {
    const detail = problems.map((row) => row.quick_check).join('; ');
    throw new CacheError(`cache file ${file} failed SQLite's quick_check: ${detail}`, 'corrupt');
  }
}

function classifyOpenError(file: string, error: unknown): CacheError {
  if (error instanceof CacheError) return error;
  if (isCorruptionError(error)) {
    return new CacheError(`cache file ${file} is damaged: ${errorMessage(error)}`, 'corrupt', {
      cause: error,
    });
  }
  return new CacheError(
    `could not open cache file ${file}: ${errorMessage(error)}; check that its folder is writable and that no other On-Call Cockpit is using it`,
    'open-failed',
    { cause: error },
  );
}
