import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, formatProblem, loadConfigFile } from '../config/load.js';
import type { CockpitConfig } from '../config/schema.js';
import { createStreamLogger } from '../logger.js';
import type { LogLevel } from '../logger.js';
import { deferDispatcher } from '../api/dispatch.js';
import { demoConfig } from '../demo/index.js';
import { startServer } from '../server/http-server.js';
import { startCoreWorker } from '../worker/remote-core.js';
import { defaultDataDir } from './data-dir.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const USAGE = `On-Call Cockpit ${VERSION}

Usage:
  oncall-cockpit serve [--config FILE] [--port N] [--host ADDR] [--data-dir DIR]
                       [--demo-alerts N] [--demo-seed N] [--log-level debug|info|warn|error]
      Runs the cockpit headless and serves the UI and API to any browser.
      Without --config it runs the built-in demo estate.
  oncall-cockpit check-config FILE
      Validates a config file and prints its problems, or "ok".
  oncall-cockpit help

Through npm: npm run serve -- --port 8080, npm run check-config -- cockpit.yaml
`;

// The CLI is the one place that talks to the terminal.
/* eslint-disable no-console */

function checkConfig(file: string | undefined): number {
  if (!file) {
    console.error('check-config needs a file: oncall-cockpit check-config cockpit.yaml');
    return 2;
  }
  try {
    const config = loadConfigFile(file);
    const slo = config.slo;
    const slos = slo ? `, ${slo.definitions.length} SLO${slo.definitions.length === 1 ? '' : 's'}` : '';
    // Unreadable SLO files do not stop the cockpit (the others load), but check-config fails on them.
    if (slo && slo.problems.length > 0) {
      console.error(slo.problems.map(formatProblem).join('\n'));
      return 1;
    }
    console.log(
      `ok: ${file} (${config.sources.length} source${config.sources.length === 1 ? '' : 's'}${slos})`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'demo-alerts': { type: 'string' },
      'demo-seed': { type: 'string' },
      'demo-interval': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
    },
    strict: true,
  });
  const logger = createStreamLogger(values['log-level'] as LogLevel);
  let config: CockpitConfig;
  try {
    config = values.config
      ? loadConfigFile(values.config)
      : demoConfig({
          alerts: values['demo-alerts'] ? Number(values['demo-alerts']) : undefined,
          seed: values['demo-seed'] ? Number(values['demo-seed']) : undefined,
          intervalSeconds: values['demo-interval'] ? Number(values['demo-interval']) : undefined,
        });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const dataDir = resolve(
    values['data-dir'] ?? config.dataDir ?? join(defaultDataDir(), config.file ? '' : 'demo'),
  );
  const logLevel = values['log-level'] as LogLevel;
  // The core runs in a worker thread: polling and parsing never delay an HTTP answer. The server
  // listens while the worker starts (opening a 100k-alert cache takes a moment), so a browser loads
  // the renderer meanwhile; API calls wait for the core.
  const starting = startCoreWorker({ config, dataDir, logger, logLevel });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      api: deferDispatcher(starting.then((core) => core.api)),
      host: values.host ?? config.server.host,
      port: values.port !== undefined ? Number(values.port) : config.server.port,
      token: config.server.token,
      rendererDir: join(ROOT, 'out', 'renderer'),
      logger,
      version: VERSION,
    });
  } catch (error) {
    await starting.then(
      (core) => core.stop(),
      () => undefined,
    );
    throw error;
  }
  const what = config.file ? `config ${config.file}` : 'the built-in demo estate';
  console.log(`On-Call Cockpit is serving ${server.url}/ (${what}; data in ${dataDir})`);
  let core: Awaited<typeof starting>;
  try {
    core = await starting;
  } catch (error) {
    await server.close();
    throw error;
  }
  if (core.info.recoveredFrom) {
    console.error(`The cache was damaged; it was moved to ${core.info.recoveredFrom} and is being refilled.`);
  }
  for (const url of core.info.demoUrls) console.log(`The demo estate's Alertmanager API is at ${url}`);

  await new Promise<void>((resolvePromise) => {
    const shutdown = () => resolvePromise();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await server.close();
  await core.stop();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'check-config':
      return checkConfig(rest[0]);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
