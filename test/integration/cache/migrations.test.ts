import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { CacheError, closeDatabase, openDatabase } from '../../../src/cache/index.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from '../../../src/cache/migrations/index.js';
import type { Migration } from '../../../src/cache/migrations/index.js';
import { createMemoryLogger, silentLogger } from '../../../src/logger.js';
import { useTempDataDir } from './temp-cache.js';

const data = useTempDataDir();

describe('migrations', () => {
  it('are numbered 1, 2, … in list order', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, index) => index + 1),
    );
  });

  it('run a migration added at the end once, on a file at the previous version, and record it', () => {
    const file = join(data.dir(), 'cache.db');
    closeDatabase(openDatabase(file, { logger: silentLogger }), silentLogger);
    const up = vi.fn((db: Database.Database) => db.exec('ALTER TABLE alerts ADD COLUMN runbook TEXT'));
    const next: Migration = { version: LATEST_SCHEMA_VERSION + 1, name: 'runbook of each alert', up };
    const logger = createMemoryLogger();

    const db = new Database(file);
    try {
      migrate(db, file, logger, [...MIGRATIONS, next]);
      migrate(db, file, logger, [...MIGRATIONS, next]);

      expect(up).toHaveBeenCalledTimes(1);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
      const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('alerts')").pluck().all();
      expect(columns).toContain('runbook');
      expect(logger.entries.map((entry) => entry.message)).toEqual([
        `cache file ${file}: applied migration ${LATEST_SCHEMA_VERSION + 1} (runbook of each alert)`,
      ]);
    } finally {
      db.close();
    }
    // This version does not know that step, so it refuses the file rather than guess.
    expect(() => openDatabase(file, { logger: silentLogger })).toThrow(CacheError);
  });

  it('roll a failing migration back whole, leaving the version where it was', () => {
    const file = join(data.dir(), 'cache.db');
    closeDatabase(openDatabase(file, { logger: silentLogger }), silentLogger);
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'half a change',
      up: (db) => db.exec('CREATE TABLE half (id TEXT); SELECT no_such_function();'),
    };

    const db = new Database(file);
    try {
      expect(() => migrate(db, file, silentLogger, [...MIGRATIONS, broken])).toThrow(/no_such_function/);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      const half = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE name = 'half'").pluck().get();
      expect(half).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
