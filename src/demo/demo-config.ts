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
    // The demo company's weekend freeze; its calendar adds a holiday freeze (src/demo/estate/change-calendar.ts).
    freezes: [
      {
        name: 'Weekend freeze 周末封网',
        weekly: { from: 'fri 18:00', to: 'mon 09:00' },
        tz: 'Asia/Shanghai',
        environments: ['prod'],
        exempt: ['payment-router'],
      },
    ],
  });
  return normalizeConfig(file);
}
