import type { SourceConfig } from '../config/schema.js';
import type { Clock } from '../connectors/types.js';
import { startDemoAlertmanager } from './alertmanager-server.js';
import { DEFAULT_DEMO_SEED, createDemoSimulator } from './simulator.js';

export type RunningDemo = Readonly<{ url: string; close(): Promise<void> }>;

/**
 * Starts the demo estate for a `demo` source: the simulated company behind a real Alertmanager v2
 * API on a loopback port, which the real Alertmanager connector then polls.
 */
export async function startDemoEstate(source: SourceConfig, clock: Clock): Promise<RunningDemo> {
  const simulator = createDemoSimulator({
    seed: source.demoSeed ?? DEFAULT_DEMO_SEED,
    now: () => clock.now(),
    ...(source.demoAlerts === undefined ? {} : { scale: source.demoAlerts }),
  });
  const server = await startDemoAlertmanager({ simulator });
  return { url: server.url, close: () => server.close() };
}
