import type Database from 'better-sqlite3';
import type { PollProducts, SourceStatus } from '../domain/index.js';
import type { Logger } from '../logger.js';
import { SqliteAlertStore } from './alerts/alert-store.js';
import type { ApplyResult, IAlertStore } from './alerts/types.js';
import { closeDatabase } from './database.js';
import { CacheError, errorMessage } from './errors.js';
import { SqliteSourceStatusStore } from './sources/source-status-store.js';
import type { ISourceStatusStore } from './sources/types.js';
import { inTransaction } from './transaction.js';

/** What `applyPoll` wrote, per product present in the poll (see PollProducts). */
export type PollApplied = Readonly<{ alerts?: ApplyResult }>;

/**
 * The local SQLite cache: one store per domain on one connection. Reads go to the stores; a poll is
 * written through `applyPoll`, so its status and its products commit together.
 */
export type Cache = Readonly<{
  alerts: IAlertStore;
  sources: ISourceStatusStore;
  /**
   * Writes a poll's status and every product it carries in one transaction. A poll without products
   * (a failed one) writes only the status: the source's data stays, marked stale.
   */
  applyPoll(status: SourceStatus, products: PollProducts): PollApplied;
  /** Drops the data and status of sources no longer configured; their history stays until pruned. */
  forgetSourcesExcept(sourceIds: readonly string[]): void;
  close(): void;
}>;

export type CacheOptions = Readonly<{ logger: Logger }>;

/** Builds every domain store on a connection opened (and migrated) by `openDatabase`. */
export function createCache(db: Database.Database, options: CacheOptions): Cache {
  const { logger } = options;
  const sources = new SqliteSourceStatusStore(db);
  const alerts = new SqliteAlertStore(db, { logger, staleSources: () => sources.staleSourceIds() });

  return {
    alerts,
    sources,
    applyPoll(status, products) {
      const snapshot = products.alerts;
      if (snapshot !== undefined && snapshot.sourceId !== status.sourceId) {
        throw new CacheError(
          `cannot apply a snapshot of source "${snapshot.sourceId}" with the status of source "${status.sourceId}"`,
          'invalid-input',
        );
      }
      const stagedAlerts = snapshot === undefined ? undefined : alerts.stageSnapshot(snapshot);
      try {
        inTransaction(db, () => {
          sources.save(status);
          stagedAlerts?.write();
        });
      } catch (error) {
        throw new CacheError(
          `could not save the poll of source "${status.sourceId}" to cache file ${db.name}: ${errorMessage(error)}`,
          'write-failed',
          { cause: error },
        );
      }
      return stagedAlerts === undefined ? {} : { alerts: stagedAlerts.committed() };
    },
    forgetSourcesExcept(sourceIds) {
      const removed = inTransaction(db, () => ({
        alerts: alerts.forgetSourcesExcept(sourceIds),
        statuses: sources.forgetSourcesExcept(sourceIds),
      }));
      if (removed.alerts > 0 || removed.statuses > 0) {
        logger.info('cache: forgot sources that are no longer configured', removed);
      }
    },
    close() {
      closeDatabase(db, logger);
    },
  };
}
