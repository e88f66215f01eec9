import type { Migration } from './migration.js';

/**
 * The connector's hash of the bytes an alert was read from (Snapshot.sourceHashes): lets the first
 * poll after a restart skip parsing alerts that did not change. NULL: read it again.
 */
export const sourceHash: Migration = {
  version: 2,
  name: 'source hash of each alert',
  up: (db) => db.exec('ALTER TABLE alerts ADD COLUMN source_hash TEXT'),
};
