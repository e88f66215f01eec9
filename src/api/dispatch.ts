/**
 * The api's edge: one `dispatch(method, input)` that parses the input once with the method's schema,
 * runs its handler and answers an envelope whatever happens. Both hosts (HTTP, IPC) and the worker
 * proxy call this and nothing else.
 */
import type { Logger } from '../logger.js';
import type { ChangeEmitter } from './change-emitter.js';
import { apiInputErrorMap, describeInputError } from './input-errors.js';
import type { HandlersOf, SpecTable } from './spec/types.js';
import type { ApiErrorCode, ChangeEvent, Disposable, Result } from './wire.js';
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
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  onDidChange(listener: (event: ChangeEvent) => void): Disposable;
}>;

export type DispatcherOptions<S extends SpecTable> = Readonly<{
  spec: S;
  handlers: HandlersOf<S>;
  changes: ChangeEmitter;
  logger: Logger;
}>;

/** Builds the dispatcher over a spec and its handlers (the cockpit's, or a test's own domain). */
export function createDispatcher<S extends SpecTable>(options: DispatcherOptions<S>): ApiDispatcher {
  const { spec, handlers, logger } = options;
  return {
    async dispatch(method, input) {
      if (!Object.hasOwn(spec, method)) return failure('not-found', `the api has no method ${method}`);
      const schema = spec[method]?.input;
      const handler = (handlers as Readonly<Record<string, (input: unknown) => Promise<unknown>>>)[method];
      if (!schema || !handler) return failure('not-found', `the api has no method ${method}`);
      // A method without parameters may be called with nothing at all.
      const parsed = schema.safeParse(input ?? {}, { error: apiInputErrorMap });
      if (!parsed.success) return failure('invalid-input', describeInputError(parsed.error, schema));
      try {
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof ApiFailure) return failure(error.code, error.message);
        const message = error instanceof Error ? error.message : String(error);
        logger.error('an api call failed', { method, error: message });
        return failure('internal', `${method} failed: ${message}`);
      }
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
    dispatch: (method, input) =>
      ready.then(
        (dispatcher) => dispatcher.dispatch(method, input),
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
