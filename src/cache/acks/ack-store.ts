import type Database from 'better-sqlite3';
import type { AckEndReason, AckRecord, AckWrittenBack } from '../../domain/index.js';
import { CacheError } from '../errors.js';
import { inTransaction } from '../transaction.js';

/** A new claim: who takes which alert, when, and why. */
export type NewAck = Readonly<{
  alertId: string;
  sourceId: string;
  by: string;
  at: string;
  comment?: string;
}>;

/** What a write-back left at the source, or why it failed. */
export type AckWriteBack = Readonly<{ writtenBack?: AckWrittenBack; expiresAt?: string; error?: string }>;

/** The claim ledger (认领): one open claim per alert at most, every ended one kept as history. */
export interface IAckStore {
  /** Opens a claim; refuses when the alert already has an open one (its holder is named). */
  claim(ack: NewAck): AckRecord;
  /** Records the write-back of an open claim (a silence id and its end, or the failure). */
  setWriteBack(ackId: number, writeBack: AckWriteBack): void;
  /** Ends the alert's open claim; returns it as it was, or undefined when there was none. */
  end(alertId: string, reason: AckEndReason, at: string, endedBy?: string): AckRecord | undefined;
  /** Ends the open claim and opens one for `to` in one step, keeping the comment (转交). */
  handOver(
    alertId: string,
    to: string,
    at: string,
    endedBy?: string,
  ): Readonly<{ from: AckRecord; to: AckRecord }>;
  open(alertId: string): AckRecord | undefined;
  /** Every open claim, by alert id. */
  openAll(): ReadonlyMap<string, AckRecord>;
  /** The alert's claims, newest first. */
  history(alertId: string, limit?: number): AckRecord[];
}

type Row = Readonly<{
  id: number;
  alert_id: string;
  source_id: string;
  by: string;
  at: string;
  comment: string | null;
  expires_at: string | null;
  written_where: string | null;
  written_id: string | null;
  write_error: string | null;
  ended_at: string | null;
  end_reason: AckEndReason | null;
  ended_by: string | null;
}>;

function fromRow(row: Row): AckRecord {
  return {
    id: row.id,
    alertId: row.alert_id,
    sourceId: row.source_id,
    by: row.by,
    at: row.at,
    ...(row.comment === null ? {} : { comment: row.comment }),
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...(row.written_where === null || row.written_id === null
      ? {}
      : { writtenBack: { where: row.written_where, id: row.written_id } }),
    ...(row.write_error === null ? {} : { writeBackError: row.write_error }),
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
    ...(row.end_reason === null ? {} : { endReason: row.end_reason }),
    ...(row.ended_by === null ? {} : { endedBy: row.ended_by }),
  };
}

const HISTORY_MAX = 1000;

export class SqliteAckStore implements IAckStore {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly writeBack: Database.Statement<unknown[]>;
  private readonly endOpen: Database.Statement<unknown[]>;
  private readonly openOne: Database.Statement<[string], Row>;
  private readonly openEvery: Database.Statement<[], Row>;
  private readonly byId: Database.Statement<[number], Row>;
  private readonly historyOf: Database.Statement<[string, number], Row>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`
      INSERT INTO acks (alert_id, source_id, by, at, comment, expires_at, written_where, written_id)
      VALUES (@alertId, @sourceId, @by, @at, @comment, @expiresAt, @where, @writtenId)`);
    this.writeBack = db.prepare(`
      UPDATE acks SET written_where = @where, written_id = @writtenId, expires_at = @expiresAt,
        write_error = @error
      WHERE id = @id AND ended_at IS NULL`);
    this.endOpen = db.prepare(`
      UPDATE acks SET ended_at = @at, end_reason = @reason, ended_by = @endedBy
      WHERE alert_id = @alertId AND ended_at IS NULL`);
    this.openOne = db.prepare<[string], Row>('SELECT * FROM acks WHERE alert_id = ? AND ended_at IS NULL');
    this.openEvery = db.prepare<[], Row>('SELECT * FROM acks WHERE ended_at IS NULL');
    this.byId = db.prepare<[number], Row>('SELECT * FROM acks WHERE id = ?');
    this.historyOf = db.prepare<[string, number], Row>(
      'SELECT * FROM acks WHERE alert_id = ? ORDER BY id DESC LIMIT ?',
    );
  }

  claim(ack: NewAck): AckRecord {
    return inTransaction(this.db, () => this.claimInside(ack, undefined, undefined));
  }

  private claimInside(ack: NewAck, writtenBack?: AckWrittenBack, expiresAt?: string): AckRecord {
    const holder = this.open(ack.alertId);
    if (holder) {
      throw new CacheError(
        `alert ${ack.alertId} is already claimed by ${holder.by} (since ${holder.at}); hand it over or release it first`,
        'conflict',
      );
    }
    const info = this.insert.run({
      alertId: ack.alertId,
      sourceId: ack.sourceId,
      by: ack.by,
      at: ack.at,
      comment: ack.comment ?? null,
      expiresAt: expiresAt ?? null,
      where: writtenBack?.where ?? null,
      writtenId: writtenBack?.id ?? null,
    });
    return this.read(Number(info.lastInsertRowid));
  }

  setWriteBack(ackId: number, writeBack: AckWriteBack): void {
    this.writeBack.run({
      id: ackId,
      where: writeBack.writtenBack?.where ?? null,
      writtenId: writeBack.writtenBack?.id ?? null,
      expiresAt: writeBack.expiresAt ?? null,
      error: writeBack.error ?? null,
    });
  }

  end(alertId: string, reason: AckEndReason, at: string, endedBy?: string): AckRecord | undefined {
    return inTransaction(this.db, () => {
      const open = this.open(alertId);
      if (!open) return undefined;
      this.endOpen.run({ alertId, reason, at, endedBy: endedBy ?? null });
      return open;
    });
  }

  handOver(alertId: string, to: string, at: string, endedBy?: string) {
    return inTransaction(this.db, () => {
      const from = this.open(alertId);
      if (!from)
        throw new CacheError(
          `alert ${alertId} is not claimed; claim it instead of handing it over`,
          'conflict',
        );
      this.endOpen.run({ alertId, reason: 'handed-over', at, endedBy: endedBy ?? from.by });
      const next = this.claimInside(
        { alertId, sourceId: from.sourceId, by: to, at, ...(from.comment ? { comment: from.comment } : {}) },
        from.writtenBack,
        from.expiresAt,
      );
      return { from, to: next };
    });
  }

  open(alertId: string): AckRecord | undefined {
    const row = this.openOne.get(alertId);
    return row ? fromRow(row) : undefined;
  }

  openAll(): ReadonlyMap<string, AckRecord> {
    return new Map(this.openEvery.all().map((row) => [row.alert_id, fromRow(row)]));
  }

  history(alertId: string, limit = HISTORY_MAX): AckRecord[] {
    return this.historyOf.all(alertId, Math.min(limit, HISTORY_MAX)).map(fromRow);
  }

  private read(id: number): AckRecord {
    const row = this.byId.get(id);
    if (!row) throw new CacheError(`claim ${id} vanished while it was written`, 'write-failed');
    return fromRow(row);
  }
}
