/**
 * The api's edge: one `dispatch(method, input)` that parses the input once with the method's schema,
 * runs its handler and answers an envelope whatever happens. Both hosts (HTTP, IPC) and the worker
 * proxy call this and nothing else.
 */
import { z } from 'zod';
import type { AuditRecord } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { ChangeEmitter } from './change-emitter.js';
import { apiInputErrorMap, describeInputError } from './input-errors.js';
import type { MethodTable } from './methods.js';
import { pathParams } from './methods.js';
import type { HandlersOf, SpecTable } from './spec/types.js';
import type { ApiCaller, ApiErrorCode, ChangeEvent, Disposable, Result } from './wire.js';
import { failure } from './wire.js';

/** Thrown by a handler for a failure a caller should see; becomes `{ ok: false, error }`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** What a host holds: calls by name with unparsed input, and the core's events. */
export type ApiDispatcher = Readonly<{
  /** `caller`: who the host says is calling; the desktop window (an operator) when absent. */
  dispatch(method: string, input: unknown, caller?: ApiCaller): Promise<Result<unknown>>;
  onDidChange(listener: (event: ChangeEvent) => void): Disposable;
}>;

export type DispatcherOptions<S extends SpecTable> = Readonly<{
  spec: S;
  handlers: HandlersOf<S>;
  changes: ChangeEmitter;
  logger: Logger;
  /** Where every command's outcome is written, and the table that says which methods are commands. */
  audit?: Readonly<{ methods: MethodTable; record(entry: AuditRecord): void; now(): Date }>;
}>;

const DESKTOP_CALLER: ApiCaller = { role: 'operator', via: 'desktop' };
const AUDIT_DETAIL_MAX = 500;

/** The input fields that say who acts: a silence's author, a claim's holder. */
const ACTOR_FIELDS = ['createdBy', 'by'] as const;

/**
 * A caller with a configured name acts under that name: the `createdBy` (or a claim's `by`) a
 * client sends is replaced, for every method whose input has that field.
 */
function withCallerName(schema: z.ZodType, input: unknown, caller: ApiCaller): unknown {
  if (!caller.name || !(schema instanceof z.ZodObject)) return input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const fields = ACTOR_FIELDS.filter((field) => field in schema.shape);
  if (fields.length === 0) return input;
  return { ...input, ...Object.fromEntries(fields.map((field) => [field, caller.name])) };
}

/** Builds the dispatcher over a spec and its handlers (the cockpit's, or a test's own domain). */
export function createDispatcher<S extends SpecTable>(options: DispatcherOptions<S>): ApiDispatcher {
  const { spec, handlers, logger } = options;

  async function run(method: string, input: unknown, caller: ApiCaller): Promise<Result<unknown>> {
    const schema = spec[method]?.input;
    const handler = (handlers as Readonly<Record<string, (input: unknown) => Promise<unknown>>>)[method];
    if (!schema || !handler) return failure('not-found', `the api has no method ${method}`);
    // A method without parameters may be called with nothing at all.
    const parsed = schema.safeParse(withCallerName(schema, input ?? {}, caller), { error: apiInputErrorMap });
    if (!parsed.success) return failure('invalid-input', describeInputError(parsed.error, schema));
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ApiFailure) return failure(error.code, error.message);
      const message = error instanceof Error ? error.message : String(error);
      logger.error('an api call failed', { method, error: message });
      return failure('internal', `${method} failed: ${message}`);
    }
  }

  function audit(method: string, input: unknown, caller: ApiCaller, result: Result<unknown>): void {
    const decl = options.audit?.methods[method];
    if (!options.audit || decl?.kind !== 'command') return;
    const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    const target = Object.fromEntries(pathParams(decl.path).map((name) => [name, fields[name]]));
    const detail = result.ok ? JSON.stringify(result.value ?? null) : result.error.message;
    try {
      options.audit.record({
        at: options.audit.now().toISOString(),
        method,
        ...(caller.name ? { who: caller.name } : {}),
        role: caller.role,
        ...(caller.address ? { address: caller.address } : {}),
        via: caller.via,
        target: JSON.stringify(target),
        outcome: result.ok ? 'ok' : result.error.code,
        detail: detail.slice(0, AUDIT_DETAIL_MAX),
      });
    } catch (error) {
      // The command ran; losing its audit row is logged loudly, never turned into a failed command.
      logger.error('could not write the audit log', {
        method,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    async dispatch(method, input, caller = DESKTOP_CALLER) {
      if (!Object.hasOwn(spec, method)) return failure('not-found', `the api has no method ${method}`);
      const result = await run(method, input, caller);
      audit(method, input, caller, result);
      return result;
    },
    onDidChange: (listener) => options.changes.on(listener),
  };
}

/**
 * A dispatcher whose calls wait for the real one, so a host can start answering (and serving the
 * renderer) while the core is still starting. If the core fails to start, every call answers
 * `internal` with that failure and change listeners are never called.
 */
export function deferDispatcher(ready: Promise<ApiDispatcher>): ApiDispatcher {
  // Calls made before a failure is noticed must not become unhandled rejections of `ready` itself.
  ready.catch(() => undefined);
  return {
    dispatch: (method, input, caller) =>
      ready.then(
        (dispatcher) => dispatcher.dispatch(method, input, caller),
        (error: unknown) =>
          failure(
            'internal',
            `the cockpit core did not start: ${error instanceof Error ? error.message : String(error)}`,
          ),
      ),
    onDidChange(listener): Disposable {
      let disposed = false;
      let inner: Disposable | undefined;
      ready.then(
        (dispatcher) => {
          if (!disposed) inner = dispatcher.onDidChange(listener);
        },
        () => undefined,
      );
      return {
        dispose() {
          disposed = true;
          inner?.dispose();
        },
      };
    },
  };
}
