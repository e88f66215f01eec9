/**
 * The core worker: cache, poller, connectors and the demo estate run here, so parsing a 100 MB poll
 * or diffing 100 000 alerts never blocks the thread that answers HTTP requests or drives windows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../domain/index.js';
import { createCockpitCore } from '../core.js';
import type { CockpitCore } from '../core.js';
import { startDemoSources } from '../demo/index.js';
import { createStreamLogger } from '../logger.js';
import { failure } from '../api/wire.js';
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

async function handle(core: CockpitCore, message: HostToWorker): Promise<void> {
  switch (message.type) {
    case 'call': {
      // The dispatcher parses the input and answers an envelope whatever happens; a result that
      // cannot be sent back is answered too, so the host never keeps waiting for this id.
      const result = await core.dispatcher.dispatch(message.method, message.input, message.caller);
      try {
        send({ type: 'result', id: message.id, result });
      } catch (error) {
        send({
          type: 'result',
          id: message.id,
          result: failure('internal', `${message.method}: ${serialize(error).message}`),
        });
      }
      return;
    }
    case 'poll-now': {
      await core.poller.pollNow(message.sourceId);
      send({ type: 'result', id: message.id, result: { ok: true, value: undefined } });
      return;
    }
    case 'notify-threshold': {
      core.notifications.setMinSeverity(message.minSeverity);
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
  const demo = await startDemoSources(data.config.sources, systemClock, data.dataDir);
  let core: CockpitCore;
  try {
    core = await createCockpitCore({
      config: { ...data.config, sources: demo.sources },
      dataDir: data.dataDir,
      logger,
      nativeBinding: data.nativeBinding,
      demos: demo.demos,
    });
  } catch (error) {
    await demo.close();
    throw error;
  }
  core.dispatcher.onDidChange((event) => send({ type: 'change', event }));
  core.notifications.onNotify((event) => send({ type: 'notify', event }));
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
