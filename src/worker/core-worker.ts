/**
 * The core worker: cache, poller, connectors and the demo estate run here, so parsing a 100 MB poll
 * or diffing 100 000 alerts never blocks the thread that answers HTTP requests or drives windows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ICockpitApi } from '../api/contract.js';
import { createCockpitCore } from '../core.js';
import type { CockpitCore } from '../core.js';
import { createStreamLogger } from '../logger.js';
import type { CoreWorkerData, HostToWorker, SerializedError, WorkerToHost } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('core-worker.ts runs only as a worker thread');
const data = workerData as CoreWorkerData;
const logger = createStreamLogger(data.logLevel);

function serialize(error: unknown): SerializedError {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

function send(message: WorkerToHost): void {
  port?.postMessage(message);
}

type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

async function handle(core: CockpitCore, message: HostToWorker): Promise<void> {
  switch (message.type) {
    case 'call': {
      try {
        // The api's methods are closures (no `this`); the method name is checked by the protocol type.
        const methods = core.api as unknown as Methods;
        const value = await methods[message.method]?.(...message.args);
        send({ type: 'result', id: message.id, ok: true, value });
      } catch (error) {
        send({ type: 'result', id: message.id, ok: false, error: serialize(error) });
      }
      return;
    }
    case 'poll-now': {
      await core.poller.pollNow(message.sourceId);
      send({ type: 'result', id: message.id, ok: true, value: undefined });
      return;
    }
    case 'stop': {
      await core.stop();
      send({ type: 'stopped' });
      port?.close();
      return;
    }
  }
}

async function main(): Promise<void> {
  const core = await createCockpitCore({
    config: data.config,
    dataDir: data.dataDir,
    logger,
    nativeBinding: data.nativeBinding,
  });
  const api: ICockpitApi = core.api;
  api.onDidChange((event) => send({ type: 'change', event }));
  port?.on('message', (message: HostToWorker) => {
    handle(core, message).catch((error: unknown) =>
      logger.error('core worker request failed', serialize(error)),
    );
  });
  core.start();
  send({
    type: 'ready',
    info: {
      cacheFile: core.cacheFile,
      recoveredFrom: core.recoveredFrom,
      demoUrls: core.demos.map((demo) => demo.url),
      releasesMemory: typeof (globalThis as { gc?: unknown }).gc === 'function',
    },
  });
}

main().catch((error: unknown) => send({ type: 'fatal', error: serialize(error) }));
