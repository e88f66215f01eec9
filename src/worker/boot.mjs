// Worker bootstrap: the core worker's entry is TypeScript when run from source (tsx), JavaScript
// when bundled. Worker threads do not inherit tsx's loader, so register it here when needed.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
