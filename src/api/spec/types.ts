import type { z } from 'zod';
import type { MethodTable } from '../methods.js';

/** The schema half of a method's declaration: how its input is parsed and what it answers. */
export type MethodSpec = Readonly<{ input: z.ZodType; output: unknown }>;

/** A domain's specs: exactly one per method of its table (a missing or extra one is a type error). */
export type SpecFor<T extends MethodTable> = Readonly<{ [M in keyof T]: MethodSpec }>;

export type SpecTable = Readonly<Record<string, MethodSpec>>;

/** The output type marker of a spec: `output: returns<Board>()`. Nothing is checked at run time. */
export function returns<T>(): T {
  return undefined as T;
}

/** The input as a caller writes it (before defaults and coercion). */
export type InputOf<S extends SpecTable, M extends keyof S> = z.input<S[M]['input']>;
/** The input as a handler receives it: parsed once, at the api's edge. */
export type ParsedInputOf<S extends SpecTable, M extends keyof S> = z.output<S[M]['input']>;
export type OutputOf<S extends SpecTable, M extends keyof S> = S[M]['output'];

/** A domain's handlers: (parsed input) → value; a failure is thrown as an ApiFailure. */
export type HandlersOf<S extends SpecTable> = {
  readonly [M in keyof S]: (input: ParsedInputOf<S, M>) => Promise<OutputOf<S, M>>;
};
