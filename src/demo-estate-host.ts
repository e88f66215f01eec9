import type { SourceConfig } from './config/schema.js';
import type { Clock } from './connectors/types.js';

export type RunningDemo = Readonly<{ url: string; close(): Promise<void> }>;

/** Starts the demo estate for a `demo` source: a simulator behind a loopback Alertmanager API. */
export async function startDemoEstate(source: SourceConfig, _clock: Clock): Promise<RunningDemo> {
  throw new Error(`source "${source.id}": the demo estate is not wired yet`);
}
