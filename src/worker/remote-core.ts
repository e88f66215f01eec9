import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ChangeEmitter } from '../api/change-emitter.js';
import type { ApiDispatcher } from '../api/dispatch.js';
import type { Result } from '../api/wire.js';
import { failure } from '../api/wire.js';
import type { CockpitConfig } from '../config/schema.js';
import type { Logger, LogLevel } from '../logger.js';
import type { CoreNotifications, NotifyEvent } from '../notifications/notifier.js';
import type { CoreInfo, CoreWorkerData, HostToWorker, SerializedError, WorkerToHost } from './protocol.js';

export type RemoteCore = Readonly<{
  api: ApiDispatcher;
  /** The core's notification decisions, delivered by the host (native notifications, SSE). */
  notifications: CoreNotifications;
  info: CoreInfo;
  pollNow(sourceId?: string): Promise<void>;
  stop(): Promise<void>;
  /** Calls sent to the worker and not yet answered (a diagnostic: every failure path removes its call). */
  pendingCalls(): number;
}>;

export type CoreWorkerOptions = Readonly<{
  config: CockpitConfig;
  dataDir: string;
  logger: Logger;
  logLevel?: LogLevel;
  nativeBinding?: string;
  /** The worker entry; defaults to core-worker next to this file (.ts from source, .js when built). */
  entry?: URL;
}>;

function revive(error: SerializedError): Error {
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

/**
 * Runs the core in a worker thread and returns its dispatcher, proxied: every call is a message with
 * the method's name and its unparsed input, every answer an envelope, so callers cannot tell the
 * difference.
 */
export async function startCoreWorker(options: CoreWorkerOptions): Promise<RemoteCore> {
  const here = import.meta.url;
  const entry =
    options.entry ?? new URL(here.endsWith('.ts') ? './core-worker.ts' : './core-worker.js', here);
  const workerData: CoreWorkerData = {
    entry: entry.href,
    config: options.config,
    dataDir: options.dataDir,
    logLevel: options.logLevel ?? 'info',
    nativeBinding: options.nativeBinding,
  };
  // Lets the core give memory back after a large poll (src/core.ts): V8 then defines `gc` in every new
  // context, the worker's included. The desktop host cannot pass node flags on its command line.
  setFlagsFromString('--expose-gc');
  // A bundled (.js) entry runs directly; from source, boot.mjs registers tsx first.
  const worker = new Worker(entry.href.endsWith('.ts') ? new URL('./boot.mjs', here) : entry, { workerData });
  const changes = new ChangeEmitter();
  const notifyListeners = new Set<(event: NotifyEvent) => void>();
  const pending = new Map<number, { resolve(value: Result<unknown>): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped = false;
  let onStopped: (() => void) | undefined;

  const failAll = (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  const info = await new Promise<CoreInfo>((resolve, reject) => {
    worker.on('message', (message: WorkerToHost) => {
      switch (message.type) {
        case 'ready':
          resolve(message.info);
          return;
        case 'result': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          call?.resolve(message.result);
          return;
        }
        case 'change':
          changes.forward(message.event);
          return;
        case 'notify':
          for (const listener of [...notifyListeners]) {
            try {
              listener(message.event);
            } catch (error) {
              options.logger.warn('a notification listener failed', {
                error: error instanceof Error ? error.message : String(error),
              });
            }
          }
          return;
        case 'fatal':
          reject(revive(message.error));
          return;
        case 'stopped':
          onStopped?.();
          return;
      }
    });
    worker.on('error', (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      options.logger.error('the core worker crashed', { error: message });
      failAll(new Error(`the cockpit core stopped unexpectedly: ${message}`));
      reject(error instanceof Error ? error : new Error(message));
    });
    worker.on('exit', (code) => {
      if (!stopped) {
        options.logger.error('the core worker exited', { code });
        failAll(new Error(`the cockpit core exited (code ${code})`));
        reject(new Error(`the cockpit core exited during start (code ${code})`));
      }
    });
  });

  /** Sends a message; false when it cannot be cloned (a function, a cycle too deep for the serializer). */
  function post(message: HostToWorker): boolean {
    try {
      worker.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }

  const api: ApiDispatcher = {
    dispatch(method, input, caller) {
      if (stopped) return Promise.resolve(failure('internal', 'the cockpit core is stopped'));
      const id = nextId++;
      return new Promise((resolve) => {
        // A core that dies mid-call still answers: an envelope saying so.
        pending.set(id, { resolve, reject: (error) => resolve(failure('internal', error.message)) });
        if (post({ type: 'call', id, method, input, ...(caller ? { caller } : {}) })) return;
        pending.delete(id);
        resolve(failure('invalid-input', `the input of ${method} is not plain data the core can read`));
      });
    },
    onDidChange: (listener) => changes.on(listener),
  };

  const notifications: CoreNotifications = {
    onNotify(listener) {
      notifyListeners.add(listener);
      return { dispose: () => notifyListeners.delete(listener) };
    },
    setMinSeverity(minSeverity) {
      if (!stopped) post({ type: 'notify-threshold', minSeverity });
    },
  };

  return {
    api,
    notifications,
    info,
    pollNow(sourceId) {
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve: () => resolve(), reject });
        if (post({ type: 'poll-now', id, sourceId })) return;
        pending.delete(id);
        reject(new Error('the poll request could not be sent to the cockpit core'));
      });
    },
    pendingCalls: () => pending.size,
    async stop() {
      if (stopped) return;
      const done = new Promise<void>((resolve) => (onStopped = resolve));
      post({ type: 'stop' });
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
      await Promise.race([done, timeout]);
      stopped = true;
      failAll(new Error('the cockpit core is stopped'));
      await worker.terminate();
    },
  };
}
