/**
 * What crosses a process boundary between the core and a host, or a host and the renderer: result
 * envelopes and events. Plain data that survives structuredClone and JSON; zod-free, so the preload
 * and the renderer import it too.
 */
import type { ChangeTopic } from './methods.js';

/** `forbidden`: a desktop IPC call from a frame that is not the cockpit window. */
export type ApiErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'unsupported'
  | 'source-error'
  /** No credential, or one the host does not know (HTTP 401): send a token. */
  | 'unauthorized'
  /** A credential whose role may not do this (HTTP 403). */
  | 'forbidden'
  | 'internal';
export type ApiError = Readonly<{ code: ApiErrorCode; message: string }>;
export type Result<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ApiError }>;

export type Disposable = Readonly<{ dispose(): void }>;

/** Who may call a method: a viewer reads, an operator also runs commands. */
export type ApiRole = 'viewer' | 'operator';

/**
 * Who made a call, as the host that received it knows: the role its credential grants, the name
 * configured for that credential, and the client's address. Written to the audit log with every
 * command; a known name replaces the `createdBy` a client sends.
 */
export type ApiCaller = Readonly<{ role: ApiRole; name?: string; address?: string; via: 'http' | 'desktop' }>;

export type ChangeEvent = Readonly<{ topics: readonly ChangeTopic[]; version: number }>;

export const API_ERROR_CODES = [
  'invalid-input',
  'not-found',
  'unsupported',
  'source-error',
  'unauthorized',
  'forbidden',
  'internal',
] as const satisfies readonly ApiErrorCode[];

export function failure(code: ApiErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Whether a value read from another process is a well-formed envelope (its value is not checked). */
export function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error as { code?: unknown; message?: unknown } | null;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof error.message === 'string' &&
    (API_ERROR_CODES as readonly unknown[]).includes(error.code)
  );
}

/** Reads a change event from another process; topics this build does not know are dropped. */
export function readChangeEvent(value: unknown, known: readonly string[]): ChangeEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { topics, version } = value as { topics?: unknown; version?: unknown };
  if (!Array.isArray(topics) || typeof version !== 'number') return undefined;
  return {
    topics: topics.filter(
      (topic): topic is ChangeTopic => typeof topic === 'string' && known.includes(topic),
    ),
    version,
  };
}
