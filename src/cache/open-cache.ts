import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Logger } from '../logger.js';
import { createCache } from './cache.js';
import type { Cache } from './cache.js';
import { openDatabase } from './database.js';
import { CacheError, errorMessage, isCorruptionError } from './errors.js';

export type OpenCacheOptions = Readonly<{
  logger: Logger;
  /** File name inside the data folder; `cache.db` by default. */
  fileName?: string;
  busyTimeoutMs?: number;
  /** See OpenDatabaseOptions.nativeBinding (the desktop host passes Electron's build). */
  nativeBinding?: string;
  /** Clock for the name of a moved-aside corrupt file. */
  now?: () => number;
}>;

export type OpenedCache = Readonly<{
  cache: Cache;
  /** The cache file in use. */
  file: string;
  /** Where a damaged cache file was moved before starting empty; absent when nothing was wrong. */
  recoveredFrom?: string;
}>;

export const DEFAULT_CACHE_FILE_NAME = 'cache.db';

/**
 * Opens (creating if needed) the cache in `dataDir`. A damaged file is moved aside to
 * `cache.corrupt-<time>.db` (with its -wal and -shm) and an empty cache starts: the backends hold the
 * truth and the next polls refill it. A file from a newer app is refused, never moved.
 */
export function openCache(dataDir: string, options: OpenCacheOptions): OpenedCache {
  const file = join(dataDir, options.fileName ?? DEFAULT_CACHE_FILE_NAME);
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    makePrivate(dataDir, file, options.logger);
  } catch (error) {
    throw new CacheError(
      `could not create the data folder ${dataDir} for the cache: ${errorMessage(error)}; point --data-dir at a writable folder`,
      'open-failed',
      { cause: error },
    );
  }
  const databaseOptions = {
    logger: options.logger,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  };
  try {
    const cache = createCache(openDatabase(file, databaseOptions), options);
    // SQLite gives -wal and -shm the database file's mode; an older version's may predate that.
    makePrivate(dataDir, file, options.logger);
    return { cache, file };
  } catch (error) {
    if (!isCorruptionError(error)) throw error;
    const movedTo = moveAside(file, (options.now ?? Date.now)());
    options.logger.warn(
      `cache file ${file} was damaged; moved it to ${movedTo} and started an empty cache, which the next polls refill`,
      { error: errorMessage(error) },
    );
    return {
      cache: createCache(openDatabase(file, databaseOptions), options),
      file,
      recoveredFrom: movedTo,
    };
  }
}

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;
const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Alert contents are for this user only: the folder 0700, the database and its companions 0600
 * (created so before SQLite opens it, and tightened if an older version left them readable).
 * Windows has no such modes; its per-user profile folder does the job.
 */
function makePrivate(dataDir: string, file: string, logger: Logger): void {
  if (process.platform === 'win32') return;
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, ...COMPANIONS.map((suffix) => file + suffix)]) {
    try {
      if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
    } catch (error) {
      logger.warn(`could not make ${path} private to this user (chmod 600): ${errorMessage(error)}`);
    }
  }
}

/** Renames the file and its WAL companions to `<name>.corrupt-<time><ext>`; returns the new path. */
function moveAside(file: string, nowMs: number): string {
  const extension = extname(file);
  const stem = basename(file, extension);
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  let target = join(dirname(file), `${stem}.corrupt-${stamp}${extension}`);
  for (let attempt = 1; existsSync(target); attempt += 1) {
    target = join(dirname(file), `${stem}.corrupt-${stamp}-${attempt}${extension}`);
  }
  try {
    renameSync(file, target);
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
    }
  } catch (error) {
    throw new CacheError(
      `cache file ${file} is damaged and could not be moved aside to ${target}: ${errorMessage(error)}; delete it by hand (the backends hold the truth) or point --data-dir elsewhere`,
      'corrupt',
      { cause: error },
    );
  }
  return target;
}
