import { join } from 'node:path';
import type { FileSourceConfig, SourceConfigOf } from '../config/schema.js';
import type { Clock } from '../domain/index.js';
import { startDemoAlertmanager } from './alertmanager/alertmanager-server.js';
import { startDemoPrometheus } from './prometheus/prometheus-server.js';
import { startDemoRunbookServer } from './runbooks/runbook-server.js';
import { DEFAULT_DEMO_SEED, createDemoSimulator } from './estate/simulator.js';

export type RunningDemo = Readonly<{
  url: string;
  prometheusUrl: string;
  /** The estate's wiki serving the runbook pages its alerts link to. */
  runbooksUrl: string;
  /** Stops only the wiki (a test of the offline vault); `close` stops everything. */
  closeRunbooks(): Promise<void>;
  close(): Promise<void>;
}>;

/**
 * Starts the demo estate for a `demo` source: the simulated company behind a real Alertmanager v2
 * API on a loopback port, which the real Alertmanager connector then polls.
 */
async function startDemoEstate(
  source: SourceConfigOf<'demo'>,
  clock: Pick<Clock, 'now'>,
  dataDir: string | undefined,
): Promise<RunningDemo> {
  const simulator = createDemoSimulator({
    seed: source.demoSeed ?? DEFAULT_DEMO_SEED,
    now: () => clock.now(),
    ...(source.demoAlerts === undefined ? {} : { scale: source.demoAlerts }),
  });
  const server = await startDemoAlertmanager({
    simulator,
    ...(dataDir ? { silencesFile: join(dataDir, `demo-silences-${source.id}.json`) } : {}),
  });
  let prometheus;
  try {
    prometheus = await startDemoPrometheus({ simulator, clock });
  } catch (error) {
    await server.close();
    throw error;
  }
  const { url: prometheusUrl } = prometheus;
  let runbooks;
  try {
    runbooks = await startDemoRunbookServer(clock);
  } catch (error) {
    await Promise.allSettled([server.close(), prometheus.close()]);
    throw error;
  }
  let runbooksClosed: Promise<void> | undefined;
  const closeRunbooks = () => (runbooksClosed ??= runbooks.close());
  return {
    url: server.url,
    prometheusUrl,
    runbooksUrl: runbooks.url,
    closeRunbooks,
    close: async () => {
      await Promise.allSettled([server.close(), prometheus.close(), closeRunbooks()]);
    },
  };
}

/** Configured sources with every `demo` source's estate running, ready for the core. */
export type DemoSources = Readonly<{
  /** The sources in config order; each `demo` source carries the loopback URL of its estate. */
  sources: readonly FileSourceConfig[];
  demos: readonly RunningDemo[];
  /** Stops every estate started here; call it after the core has stopped polling them. */
  close(): Promise<void>;
}>;

/** Starts an estate for each `demo` source (none for other kinds); the composition roots call it. */
export async function startDemoSources(
  configured: readonly FileSourceConfig[],
  clock: Pick<Clock, 'now'>,
  /** The cockpit's data folder: the estates keep their silences there across restarts. */
  dataDir?: string,
): Promise<DemoSources> {
  const demos: RunningDemo[] = [];
  const close = async () => {
    await Promise.allSettled(demos.map((demo) => demo.close()));
  };
  const sources: FileSourceConfig[] = [];
  try {
    for (const source of configured) {
      if (source.kind !== 'demo') {
        sources.push(source);
        continue;
      }
      const demo = await startDemoEstate(source, clock, dataDir);
      demos.push(demo);
      sources.push({
        ...source,
        urls: [demo.url],
        prometheusUrls: [demo.prometheusUrl],
        runbooksUrls: [demo.runbooksUrl],
      });
    }
  } catch (error) {
    // One estate failed to start: the caller gets no handle, so stop the ones already listening.
    await close();
    throw error;
  }
  return { sources, demos, close };
}
