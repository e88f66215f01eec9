import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CockpitConfig } from '../config/schema.js';
import { normalizeConfig, configFileSchema } from '../config/schema.js';
import { resolveSloSettings } from '../config/slo/resolve.js';
import { SERVICES } from './estate/estate-data.js';

/** The demo's Sloth and Pyrra files (assets/slo/), found from here whether run from src/ or a bundle in out/. */
export function demoSloDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'assets', 'slo');
    if (existsSync(join(candidate, 'demo-sloth.yaml'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** The demo's runbook folder (assets/runbooks/), found like demoSloDir. */
export function demoRunbooksDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'assets', 'runbooks');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** The demo company's GOC scenarios: unstable while a critical alert fires on their front service. */
const DEMO_SCENARIOS = [
  {
    id: 'pay',
    name: '支付',
    objective: 90,
    window: '1d',
    alerts: [
      { service: 'payment-api', severity: 'critical' },
      { service: 'payment-core', severity: 'critical' },
    ],
  },
  {
    id: 'order',
    name: '下单',
    objective: 90,
    window: '1d',
    alerts: [
      { service: 'checkout', severity: 'critical' },
      { service: 'order-service', severity: 'critical' },
    ],
  },
  {
    id: 'login',
    name: '登录',
    objective: 90,
    window: '1d',
    alerts: [
      { service: 'passport-api', severity: 'critical' },
      { service: 'auth-service', severity: 'critical' },
    ],
  },
];

/** The built-in demo estate, used when no config file is given. */
export function demoConfig(
  options: { alerts?: number; seed?: number; intervalSeconds?: number } = {},
): CockpitConfig {
  const sloDir = demoSloDir();
  const runbooksDir = demoRunbooksDir();
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
    // The demo company's SLOs, recomputed often enough to watch a storm burn them.
    ...(sloDir
      ? {
          slo: {
            source: 'demo',
            interval: '15s',
            files: ['demo-sloth.yaml', 'demo-pyrra.yaml'],
            scenarios: DEMO_SCENARIOS,
          },
        }
      : {}),
    // The estate's Chinese service names (支付核心…) on a zh-CN screen; English screens show the ids.
    services: Object.fromEntries(
      SERVICES.map((service) => [service.id, { title: { 'zh-CN': service.nameZh } }]),
    ),
    // The runbook vault: the team's folder and every runbook_url its alerts carry (the estate's wiki).
    runbooks: { folders: runbooksDir ? [runbooksDir] : [], prefetch: true, interval: '30s', refresh: '10m' },
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
  const config = normalizeConfig(file);
  if (!file.slo || !sloDir) return config;
  const resolved = resolveSloSettings(file.slo, config.sources, {
    configFile: join(sloDir, 'demo'),
    baseDir: sloDir,
  });
  return { ...config, slo: resolved.settings };
}
