import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the cache lives when neither --data-dir nor dataDir: in the config says otherwise. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'oncall-cockpit');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'oncall-cockpit');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'oncall-cockpit');
}
