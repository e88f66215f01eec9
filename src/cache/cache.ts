import type Database from 'better-sqlite3';
import type { DomainName, PollProducts, SourceStatus } from '../domain/index.js';
import { DOMAINS } from '../domain/index.js';
import type { Logger } from '../logger.js';
import { SqliteAckStore } from './acks/ack-store.js';
import type { IAckStore } from './acks/ack-store.js';
import { SqliteAlertStore } from './alerts/alert-store.js';
import type { ApplyResult, IAlertStore } from './alerts/types.js';
import { SqliteAuditStore } from './audit/audit-store.js';
import type { IAuditStore } from './audit/audit-store.js';
import { SqliteChangeStore } from './changes/change-store.js';
import type { ChangesApplied, IChangeStore } from './changes/types.js';
import { closeDatabase, createCheckpointer } from './database.js';
import { CacheError, errorMessage } from './errors.js';
import { SqliteRunbookStore } from './runbooks/runbook-store.js';
import type { IRunbookStore, RunbooksApplied } from './runbooks/types.js';
import { SqliteScenarioStore } from './slo/scenario-store.js';
import type { IScenarioStore } from './slo/scenario-store.js';
import { SqliteSloStore } from './slo/slo-store.js';
import type { ISloStore, SloApplied } from './slo/slo-store.js';
import { SqliteSourceStatusStore } from './sources/source-status-store.js';
import type { ISourceStatusStore } from './sources/types.js';
import { SqliteTopologyStore } from './topology/topology-store.js';
import type { ITopologyStore, TopologyApplied } from './topology/types.js';
import { inTransaction, type StagedWrite } from './transaction.js';

/** What each domain's store reports after writing its product of one poll. One entry per domain. */
export type DomainApplied = {
  alerts: ApplyResult;
  slo: SloApplied;
  changes: ChangesApplied;
  topology: TopologyApplied;
  runbooks: RunbooksApplied;
};

/** What `applyPoll` wrote, per product present in the poll (see PollProducts). */
export type PollApplied = Readonly<{ [D in DomainName]?: DomainApplied[D] }>;

/**
 * How the cache writes one domain's product: `stage` reads and diffs outside the transaction, the
 * returned write runs inside it. Every domain store implements this and is listed in `createCache`.
 */
export type DomainWriter<Product, Applied> = Readonly<{
  stage(product: Product, status: SourceStatus): StagedWrite<Applied>;
  /** Drops the data of sources not listed (their history may stay until pruned); returns rows removed. */
  forgetSourcesExcept(sourceIds: readonly string[]): number;
}>;

type DomainWriters = { [D in DomainName]: DomainWriter<NonNullable<PollProducts[D]>, DomainApplied[D]> };

/**
 * The local SQLite cache: one store per domain on one connection. Reads go to the stores; a poll is
 * written through `applyPoll`, so its status and its products commit together.
 */
export type Cache = Readonly<{
  alerts: IAlertStore;
  slo: ISloStore;
  changes: IChangeStore;
  topology: ITopologyStore;
  runbooks: IRunbookStore;
  sources: ISourceStatusStore;
  /** The commands run through the api (not a polled domain: no writer, never forgotten). */
  audit: IAuditStore;
  /** The claim ledger (认领): like the audit log, not a polled domain. */
  acks: IAckStore;
  /** GOC scenarios' last statuses, written when they are recomputed at request time: not polled. */
  scenarios: IScenarioStore;
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
  const slo = new SqliteSloStore(db, () => sources.staleSourceIds());
  const changes = new SqliteChangeStore(db, () => sources.staleSourceIds());
  const topology = new SqliteTopologyStore(db, () => sources.staleSourceIds());
  const runbooks = new SqliteRunbookStore(db);
  const checkpointer = createCheckpointer(db, logger);

  // One writer per domain: the compiler refuses a domain in DOMAINS without one.
  const writers: DomainWriters = {
    alerts: {
      stage: (snapshot) => alerts.stageSnapshot(snapshot),
      forgetSourcesExcept: (ids) => alerts.forgetSourcesExcept(ids),
    },
    slo: {
      stage: (snapshot) => slo.stage(snapshot),
      forgetSourcesExcept: (ids) => slo.forgetSourcesExcept(ids),
    },
    changes: {
      stage: (batch) => changes.stageBatch(batch),
      forgetSourcesExcept: (ids) => changes.forgetSourcesExcept(ids),
    },
    topology: {
      stage: (graph) => topology.stage(graph),
      forgetSourcesExcept: (ids) => topology.forgetSourcesExcept(ids),
    },
    runbooks: {
      stage: (batch) => runbooks.stage(batch),
      // One derived source (id runbooks) writes the vault: without it configured, the vault goes.
      forgetSourcesExcept: (ids) => (ids.includes('runbooks') ? 0 : runbooks.forgetAll()),
    },
  };

  function stage<D extends DomainName>(
    domain: D,
    products: PollProducts,
    status: SourceStatus,
  ): readonly [D, StagedWrite<DomainApplied[D]>] | undefined {
    const product = products[domain];
    if (product === undefined) return undefined;
    // A product names the source it came from: it must be the one whose status is written with it.
    const from = (product as { sourceId?: string }).sourceId;
    if (from !== undefined && from !== status.sourceId) {
      throw new CacheError(
        `cannot apply the ${domain} of source "${from}" with the status of source "${status.sourceId}"`,
        'invalid-input',
      );
    }
    const writer = writers[domain] as DomainWriter<NonNullable<PollProducts[D]>, DomainApplied[D]>;
    return [domain, writer.stage(product, status)];
  }

  return {
    alerts,
    slo,
    changes,
    topology,
    runbooks,
    sources,
    audit: new SqliteAuditStore(db),
    acks: new SqliteAckStore(db),
    scenarios: new SqliteScenarioStore(db),
    applyPoll(status, products) {
      const staged = DOMAINS.flatMap((domain) => {
        const one = stage(domain, products, status);
        return one === undefined ? [] : [one];
      });
      try {
        inTransaction(db, () => {
          sources.save(status);
          for (const [, write] of staged) write.write();
        });
      } catch (error) {
        throw new CacheError(
          `could not save the poll of source "${status.sourceId}" to cache file ${db.name}: ${errorMessage(error)}`,
          'write-failed',
          { cause: error },
        );
      }
      // After the poll is published, not inside its commit (see WAL_AUTOCHECKPOINT_PAGES).
      checkpointer.soon();
      const applied: Partial<Record<DomainName, unknown>> = {};
      for (const [domain, write] of staged) applied[domain] = write.committed();
      return applied as PollApplied;
    },
    forgetSourcesExcept(sourceIds) {
      const removed = inTransaction(db, () => {
        const counts: Record<string, number> = {};
        for (const domain of DOMAINS) counts[domain] = writers[domain].forgetSourcesExcept(sourceIds);
        counts.statuses = sources.forgetSourcesExcept(sourceIds);
        return counts;
      });
      if (Object.values(removed).some((count) => count > 0)) {
        logger.info('cache: forgot sources that are no longer configured', removed);
      }
    },
    close() {
      checkpointer.cancel();
      closeDatabase(db, logger);
    },
  };
}
