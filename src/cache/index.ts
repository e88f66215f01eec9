export { createCache } from './cache.js';
export type { Cache, CacheOptions, DomainApplied, DomainWriter, PollApplied } from './cache.js';
export { SqliteAlertStore } from './alerts/alert-store.js';
export type { AlertStoreOptions } from './alerts/alert-store.js';
export type { ApplyResult, IAlertStore } from './alerts/types.js';
export type { IAuditStore } from './audit/audit-store.js';
export { SqliteChangeStore } from './changes/change-store.js';
export type { ChangeQuery, ChangesApplied, IChangeStore, StoredChange } from './changes/types.js';
export { SqliteSourceStatusStore } from './sources/source-status-store.js';
export type { ISourceStatusStore } from './sources/types.js';
export { closeDatabase, openDatabase } from './database.js';
export type { OpenDatabaseOptions } from './database.js';
export { CacheError, isCorruptionError } from './errors.js';
export type { CacheErrorCode } from './errors.js';
export { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.js';
export type { Migration } from './migrations/index.js';
export { DEFAULT_CACHE_FILE_NAME, openCache } from './open-cache.js';
export type { OpenCacheOptions, OpenedCache } from './open-cache.js';
export { SqliteSloStore } from './slo/slo-store.js';
export type { ISloStore, SloApplied, SloHistoryRow } from './slo/slo-store.js';
export { SqliteScenarioStore } from './slo/scenario-store.js';
export type { IScenarioStore } from './slo/scenario-store.js';
export { SqliteTopologyStore } from './topology/topology-store.js';
export type { ITopologyStore, StoredGraph, StoredItem, TopologyApplied } from './topology/types.js';
export { SqliteRunbookStore } from './runbooks/runbook-store.js';
export type {
  IRunbookStore,
  RunbookHit,
  RunbookSearch,
  RunbooksApplied,
  RunbookValidators,
} from './runbooks/types.js';
export { SqliteAckStore } from './acks/ack-store.js';
export type { AckWriteBack, IAckStore, NewAck } from './acks/ack-store.js';
