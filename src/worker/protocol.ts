import type { ApiCaller, ChangeEvent, Result } from '../api/wire.js';
import type { CockpitConfig } from '../config/schema.js';
import type { Severity } from '../domain/index.js';
import type { LogLevel } from '../logger.js';
import type { NotifyEvent } from '../notifications/notifier.js';

/** What the host hands the core worker at start (structured-clone-safe). */
export type CoreWorkerData = Readonly<{
  /** The module the bootstrap imports (the worker's entry, .ts in development, .js when built). */
  entry: string;
  config: CockpitConfig;
  dataDir: string;
  logLevel: LogLevel;
  nativeBinding?: string;
}>;

export type CoreInfo = Readonly<{
  cacheFile: string;
  recoveredFrom?: string;
  demoUrls: readonly string[];
  /** Whether the core can ask V8 for a full collection after a large poll (see src/core.ts). */
  releasesMemory: boolean;
}>;

export type HostToWorker =
  | Readonly<{ type: 'call'; id: number; method: string; input: unknown; caller?: ApiCaller }>
  | Readonly<{ type: 'poll-now'; id: number; sourceId?: string }>
  | Readonly<{ type: 'notify-threshold'; minSeverity: Severity }>
  | Readonly<{ type: 'stop' }>;

export type SerializedError = Readonly<{ name: string; message: string }>;

export type WorkerToHost =
  | Readonly<{ type: 'ready'; info: CoreInfo }>
  | Readonly<{ type: 'result'; id: number; result: Result<unknown> }>
  | Readonly<{ type: 'change'; event: ChangeEvent }>
  | Readonly<{ type: 'notify'; event: NotifyEvent }>
  | Readonly<{ type: 'fatal'; error: SerializedError }>
  | Readonly<{ type: 'stopped' }>;
