import { vi } from 'vitest';
import type { Mock } from 'vitest';
import type { ChangeEvent, ICockpitApi } from '../../../src/api/contract.js';
import { METHODS as API_METHODS, methodNames } from '../../../src/api/methods.js';

type Method = keyof ICockpitApi;
// From the method table: a new api method is policed by the fake without touching it.
const METHODS = [...methodNames(API_METHODS), 'onDidChange'] as const satisfies readonly Method[];

export type FakeApi = ICockpitApi & { readonly [K in Method]: Mock<ICockpitApi[K]> };

const unexpectedCalls: string[] = [];

/**
 * A CockpitApi that answers only what the test expects. Any other call is recorded and fails the
 * test in afterEach, even when the UI swallowed the error into an error state.
 */
export function createFakeApi(expected: Partial<ICockpitApi> = {}): FakeApi {
  const api: Partial<Record<Method, unknown>> = {};
  for (const method of METHODS) {
    const implementation = expected[method];
    api[method] = implementation
      ? vi.fn(implementation)
      : vi.fn((...args: unknown[]) => {
          unexpectedCalls.push(`${method}(${JSON.stringify(args)})`);
          throw new Error(`unexpected CockpitApi call: ${method}`);
        });
  }
  return api as FakeApi;
}

export function failOnUnexpectedApiCalls(): void {
  if (unexpectedCalls.length === 0) return;
  const calls = unexpectedCalls.splice(0);
  throw new Error(`The fake CockpitApi got calls the test did not expect:\n${calls.join('\n')}`);
}

/** A change-event source for `onDidChange`, so a test can push events and count subscribers. */
export function createChangeChannel() {
  const listeners = new Set<(event: ChangeEvent) => void>();
  return {
    onDidChange: (listener: (event: ChangeEvent) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    emit: (event: ChangeEvent) => {
      for (const listener of [...listeners]) listener(event);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

/** A promise that never settles: the "loading" state, held still. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
