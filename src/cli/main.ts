import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exposureProblem } from '../config/exposure.js';
import { ConfigError, checkConfigFile, formatProblem, loadConfigFile } from '../config/load.js';
import type { ConfigCheck } from '../config/load.js';
import type { CockpitConfig, ServerConfig } from '../config/schema.js';
import { createStreamLogger } from '../logger.js';
import type { LogLevel } from '../logger.js';
import { deferDispatcher } from '../api/dispatch.js';
import { demoConfig } from '../demo/index.js';
import { deferNotifications } from '../notifications/notifier.js';

import type { AccessToken } from '../server/access.js';
import { startServer } from '../server/http-server.js';
import { readTlsFiles } from '../server/tls.js';
import { startCoreWorker } from '../worker/remote-core.js';
import { defaultDataDir } from './data-dir.js';
import { FlagError, parseServeFlags, serveFlagsHelp } from './serve-flags.js';
import type { ServeFlags } from './serve-flags.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const USAGE = `On-Call Cockpit ${VERSION}

Usage:
  oncall-cockpit serve [flags]
      Runs the cockpit headless and serves the UI and API to any browser.
      Without --config it runs the built-in demo estate. Flags:
${serveFlagsHelp()}
  oncall-cockpit check-config FILE
      Checks a config file: prints every problem with its line and fix (exit 1), or "ok" (exit 0).
      Unset \${VARIABLES} are warnings: the rest is checked as if they were set.
  oncall-cockpit help

Through npm: npm run serve -- --port 8080, npm run check-config -- cockpit.yaml
`;

// The CLI is the one place that talks to the terminal.
/* eslint-disable no-console */

function checkConfig(args: readonly string[]): number {
  const [file, ...extra] = args;
  if (file === '--help' || file === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (!file || file.startsWith('-')) {
    console.error(
      `check-config needs a file${file ? `, not the flag ${file}` : ''}: oncall-cockpit check-config cockpit.yaml`,
    );
    return 2;
  }
  if (extra.length > 0) {
    console.error(
      `check-config checks one file; "${extra.join(' ')}" is left over: oncall-cockpit check-config ${file}`,
    );
    return 2;
  }
  let check: ConfigCheck;
  try {
    check = checkConfigFile(file);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  for (const warning of check.warnings) console.error(`warning: ${formatProblem(warning)}`);
  for (const problem of check.problems) console.error(formatProblem(problem));
  if (!check.config) return 1;
  const slo = check.config.slo;
  // Unreadable SLO files do not stop the cockpit (the others load), but check-config fails on them.
  if (slo && slo.problems.length > 0) {
    console.error(slo.problems.map(formatProblem).join('\n'));
    return 1;
  }
  const count = check.config.sources.length;
  const slos = slo ? `, ${slo.definitions.length} SLO${slo.definitions.length === 1 ? '' : 's'}` : '';
  const warnings = check.warnings.length;
  const note = warnings > 0 ? `; ${warnings} warning${warnings === 1 ? '' : 's'} above` : '';
  console.log(`ok: ${file} (${count} source${count === 1 ? '' : 's'}${slos}${note})`);
  return 0;
}

/** The tokens of `server.tokens`, and the older single `server.token` as an operator's. */
function tokensOf(server: ServerConfig): AccessToken[] {
  return [...server.tokens, ...(server.token ? [{ token: server.token, role: 'operator' as const }] : [])];
}

async function serve(args: string[]): Promise<number> {
  let flags: ServeFlags;
  try {
    flags = parseServeFlags(args);
  } catch (error) {
    if (error instanceof FlagError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const logger = createStreamLogger(flags.logLevel);
  let config: CockpitConfig;
  try {
    config = flags.config
      ? loadConfigFile(flags.config)
      : demoConfig({ alerts: flags.demoAlerts, seed: flags.demoSeed, intervalSeconds: flags.demoInterval });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const host = flags.host ?? config.server.host;
  // The same rule check-config applies to server.host, here for --host.
  const exposed = exposureProblem(
    host,
    config.server.token ?? (config.server.tokens.length > 0 ? 'tokens' : undefined),
  );
  if (exposed) {
    console.error(`--host ${exposed}`);
    return 1;
  }
  const dataDir = resolve(
    flags.dataDir ?? config.dataDir ?? join(defaultDataDir(), config.file ? '' : 'demo'),
  );
  const logLevel: LogLevel = flags.logLevel;
  // The core runs in a worker thread: polling and parsing never delay an HTTP answer. The server
  // listens while the worker starts (opening a 100k-alert cache takes a moment), so a browser loads
  // the renderer meanwhile; API calls wait for the core.
  let tls: ReturnType<typeof readTlsFiles> | undefined;
  try {
    tls = config.server.tls ? readTlsFiles(config.server.tls) : undefined;
  } catch (error) {
    console.error(`${config.file ?? 'config'}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const starting = startCoreWorker({ config, dataDir, logger, logLevel });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      api: deferDispatcher(starting.then((core) => core.api)),
      notifications: deferNotifications(starting.then((core) => core.notifications)),
      host,
      port: flags.port ?? config.server.port,
      tokens: tokensOf(config.server),
      hostNames: config.server.hostNames,
      ...(tls ? { tls } : {}),
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

  // SIGHUP re-reads the config's tokens: a token is rotated or revoked without a restart.
  const configFile = config.file;
  const reloadTokens = () => {
    if (!configFile) return;
    try {
      const tokens = tokensOf(loadConfigFile(configFile).server);
      server.updateTokens(tokens);
      console.log(
        `Reloaded ${tokens.length} access token${tokens.length === 1 ? '' : 's'} from ${configFile}`,
      );
    } catch (error) {
      console.error(
        `Kept the access tokens in use: ${configFile} could not be read (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  };
  process.on('SIGHUP', reloadTokens);
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
      return checkConfig(rest);
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
