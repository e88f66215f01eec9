/** Why the cache refused or failed an operation; `message` is a sentence a person can act on. */
export type CacheErrorCode =
  | 'newer-schema'
  | 'corrupt'
  | 'open-failed'
  | 'write-failed'
  | 'invalid-input'
  /** The write contradicts what is stored (a second claim of a claimed alert). */
  | 'conflict';

/** A cache failure a person can read: what failed, on which file or source, and what to do. */
export class CacheError extends Error {
  constructor(
    message: string,
    readonly code: CacheErrorCode,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CacheError';
  }
}

const CORRUPTION_CODE = /^SQLITE_(CORRUPT|NOTADB)/;
const CORRUPTION_MESSAGE = /database disk image is malformed|file is not a database/i;

/** True for SQLite's "this file is damaged or is not a database" errors (Signal's isCorruptionError). */
export function isCorruptionError(error: unknown): boolean {
  if (error instanceof CacheError) return error.code === 'corrupt';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && CORRUPTION_CODE.test(code)) || CORRUPTION_MESSAGE.test(error.message);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
