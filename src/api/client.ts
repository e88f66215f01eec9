/**
 * The typed CockpitApi a caller holds (the renderer, the desktop host's tray), built from the method
 * table over any `call` that answers envelopes: IPC, HTTP, a worker, or the dispatcher itself.
 * Queries resolve with their value and reject with an ApiCallError; commands resolve with their
 * envelope and never reject. Zod-free: the renderer imports it.
 */
import type { MethodTable, Methods } from './methods.js';
import { METHODS, methodNames } from './methods.js';
import type { ApiSpec } from './spec/index.js';
import type { InputOf, OutputOf, SpecTable } from './spec/types.js';
import type { ApiErrorCode, ChangeEvent, Disposable, Result } from './wire.js';

/** A query's failure, with the host's code (`not-found`, `invalid-input`, …) and its sentence. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The HTTP status, when the answer came over HTTP. */
    readonly status?: number,
  ) {
    super(message);
  }
}

// A method whose input fields are all optional may be called with none.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "{} is assignable to the input" is the test
type Call<I, O> = {} extends I ? (input?: I) => Promise<O> : (input: I) => Promise<O>;

export type ApiEvents = Readonly<{
  onDidChange(listener: (event: ChangeEvent) => void): Disposable;
}>;

/** The client type of a method table and its spec. */
export type ClientOf<T extends MethodTable, S extends SpecTable> = {
  readonly [M in keyof T & keyof S]: T[M]['kind'] extends 'command'
    ? Call<InputOf<S, M>, Result<OutputOf<S, M>>>
    : Call<InputOf<S, M>, OutputOf<S, M>>;
} & ApiEvents;

/** The CockpitApi: one function per method of the table, plus change events. */
export type ICockpitApi = ClientOf<Methods, ApiSpec>;

export type CallFn = (method: string, input: unknown) => Promise<Result<unknown>>;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One function per method of `table`, each a `call` plus the unwrapping its kind asks for. */
export function createClient<T extends MethodTable, S extends SpecTable>(
  table: T,
  call: CallFn,
  events: ApiEvents,
): ClientOf<T, S> {
  const client: Record<string, unknown> = { onDidChange: (listener: never) => events.onDidChange(listener) };
  for (const name of methodNames(table)) {
    client[name] =
      table[name]?.kind === 'command'
        ? // A command never throws into the UI: a broken link becomes an envelope too.
          (input: unknown) =>
            call(name, input).catch((error: unknown): Result<never> => ({
              ok: false,
              error: { code: 'internal', message: describe(error) },
            }))
        : async (input: unknown) => {
            const result = await call(name, input);
            if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
            return result.value;
          };
  }
  return client as ClientOf<T, S>;
}

/** The cockpit's own client. */
export function createCockpitClient(call: CallFn, events: ApiEvents): ICockpitApi {
  return createClient<Methods, ApiSpec>(METHODS, call, events);
}

/**
 * The api as envelopes, one function per method: what the desktop preload exposes as
 * `window.cockpit` (the renderer's IPC transport wraps it in `createCockpitClient`).
 */
export type EnvelopeApi<T extends MethodTable = Methods> = {
  readonly [M in keyof T]: (input?: unknown) => Promise<Result<unknown>>;
} & ApiEvents;
