import type Database from 'better-sqlite3';
import { AUDIT_MAX_ENTRIES } from '../../domain/index.js';
import type { AuditEntry, AuditRecord } from '../../domain/index.js';

/** The audit log of commands, kept in the cache file beside the data it acted on. */
export interface IAuditStore {
  /** Appends one entry; the oldest beyond AUDIT_MAX_ENTRIES are dropped. */
  record(entry: AuditRecord): void;
  /** Entries newest first, at most `limit`, older than `before` (an id) when given. */
  list(limit: number, before?: number): AuditEntry[];
}

type Row = Readonly<{
  id: number;
  at: string;
  method: string;
  who: string | null;
  role: AuditEntry['role'];
  address: string | null;
  via: AuditEntry['via'];
  target: string;
  outcome: string;
  detail: string | null;
}>;

function fromRow(row: Row): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    method: row.method,
    ...(row.who === null ? {} : { who: row.who }),
    role: row.role,
    ...(row.address === null ? {} : { address: row.address }),
    via: row.via,
    target: row.target,
    outcome: row.outcome,
    ...(row.detail === null ? {} : { detail: row.detail }),
  };
}

export class SqliteAuditStore implements IAuditStore {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly trim: Database.Statement<[number]>;
  private readonly page: Database.Statement<[number, number], Row>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`
      INSERT INTO audit_log (at, method, who, role, address, via, target, outcome, detail)
      VALUES (@at, @method, @who, @role, @address, @via, @target, @outcome, @detail)`);
    this.trim = db.prepare<[number]>('DELETE FROM audit_log WHERE id <= (SELECT MAX(id) FROM audit_log) - ?');
    this.page = db.prepare<[number, number], Row>(
      'SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?',
    );
  }

  record(entry: AuditRecord): void {
    const info = this.insert.run({
      who: null,
      address: null,
      detail: null,
      ...entry,
    });
    // Trimming on every 1000th row keeps the log bounded without a delete per command.
    if (Number(info.lastInsertRowid) % 1000 === 0) this.trim.run(AUDIT_MAX_ENTRIES);
  }

  list(limit: number, before?: number): AuditEntry[] {
    return this.page.all(before ?? Number.MAX_SAFE_INTEGER, limit).map(fromRow);
  }
}
