import type Database from 'better-sqlite3';

/**
 * One schema step, in its own numbered file. `version` is its position (1, 2, …); `up` runs inside a
 * transaction. Never edit a migration that has shipped: add the next file.
 */
export type Migration = Readonly<{ version: number; name: string; up: (db: Database.Database) => void }>;
