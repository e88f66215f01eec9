import type { CockpitConfig } from '../config/schema.js';
import { normalizeConfig, configFileSchema } from '../config/schema.js';

/** The built-in demo estate, used when no config file is given. */
export function demoConfig(
  options: { alerts?: number; seed?: number; intervalSeconds?: number } = {},
): CockpitConfig {
  const file = configFileSchema.parse({
    sources: [
      {
        id: 'demo',
        kind: 'demo',
        name: 'Demo estate',
        interval: `${options.intervalSeconds ?? 5}s`,
        timeout: '30s',
        maxResponseSize: '1GB',
        ...(options.alerts === undefined ? {} : { demoAlerts: options.alerts }),
        ...(options.seed === undefined ? {} : { demoSeed: options.seed }),
      },
    ],
  });
  return normalizeConfig(file);
}
