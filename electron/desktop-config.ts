import { resolve } from 'node:path';
import { loadConfigFile } from '../src/config/load.js';
import type { CockpitConfig } from '../src/config/schema.js';
import { demoConfig } from '../src/demo/index.js';

/**
 * The config file named by `--config FILE` / `--config=FILE` on the command line, else by the
 * COCKPIT_CONFIG environment variable; undefined means the built-in demo estate. Chromium's own
 * switches may sit in argv too, so unknown arguments are ignored rather than refused.
 */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--config') {
      const value = argv[index + 1];
      return value && !value.startsWith('--') ? value : undefined;
    }
    if (argument?.startsWith('--config=')) return argument.slice('--config='.length) || undefined;
  }
  return env.COCKPIT_CONFIG || undefined;
}

/** Loads the desktop's config; throws ConfigError (with located problems) for a bad file. */
export function loadDesktopConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): CockpitConfig {
  const file = configPathFrom(argv, env);
  return file === undefined ? demoConfig() : loadConfigFile(resolve(cwd, file));
}
