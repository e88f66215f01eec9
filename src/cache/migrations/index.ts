import type Database from 'better-sqlite3';
import type { Logger } from '../../logger.js';
import { CacheError } from '../errors.js';
import { inTransaction } from '../transaction.js';
import { initial } from './0001-initial.js';
import { sourceHash } from './0002-source-hash.js';
import { boardIndex } from './0003-board-index.js';
import { labelsByPair } from './0004-labels-by-pair.js';
import { audit } from './0005-audit.js';
import { slo } from './0006-slo.js';
import { changes } from './0007-changes.js';
import { topology } from './0008-topology.js';
import { runbooks } from './0009-runbooks.js';
import { acks } from './0010-acks.js';
import { notifierIndex } from './0011-notifier-index.js';
import { scenarios } from './0012-scenarios.js';
import { runbookTerms } from './0013-runbook-terms.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** The schema, oldest first, one file per step. Append only: never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  sourceHash,
  boardIndex,
  labelsByPair,
  audit,
  slo,
  changes,
  topology,
  runbooks,
  acks,
  notifierIndex,
  scenarios,
  runbookTerms,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** Reads `PRAGMA user_version`: the number of the last migration applied to this file. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a file written by a newer app: its schema may mean things this version cannot know. */
export function assertSchemaNotNewer(
  db: Database.Database,
  file: string,
  latest = LATEST_SCHEMA_VERSION,
): void {
  const version = schemaVersion(db);
  if (version > latest) {
    throw new CacheError(
      `cache file ${file} was written by a newer On-Call Cockpit (schema ${version}, this version knows ${latest}); update the app or point --data-dir elsewhere`,
      'newer-schema',
    );
  }
}

/**
 * Applies every migration newer than the file's `user_version`, each in its own transaction.
 * `migrations` is MIGRATIONS except in tests.
 */
export function migrate(
  db: Database.Database,
  file: string,
  logger: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  assertSchemaNotNewer(db, file, migrations.length);
  const current = schemaVersion(db);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration "${migration.name}" is numbered ${migration.version}, expected ${index + 1}`,
      );
    }
    if (migration.version <= current) return;
    inTransaction(db, () => {
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is an integer from the list above.
      db.pragma(`user_version = ${migration.version}`);
    });
    logger.info(`cache file ${file}: applied migration ${migration.version} (${migration.name})`);
  });
}
