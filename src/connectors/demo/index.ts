import { z } from 'zod';
import { baseSourceFields, normalizeBase } from '../../config/source-base.js';
import { alertMappingFields, normalizeAlertMapping } from '../common/alert-mapping.js';
import { alertmanagerPolling } from '../alertmanager/index.js';
import type { AlertmanagerState } from '../alertmanager/index.js';
import { createSilence, expireSilence, extendSilence, getSilences } from '../alertmanager/silence.js';
import type { Connector } from '../types.js';

/**
 * `kind: demo`: the built-in estate (src/demo). It has no URL to configure: its host starts the
 * simulator on a loopback port and gives the source that URL (startDemoSources).
 */
export const demoConfigSchema = z
  .strictObject({
    kind: z.literal('demo'),
    ...baseSourceFields,
    ...alertMappingFields,
    /** How many alerts the simulated estate fires (scale knob). */
    demoAlerts: z.number().int().min(0).max(1_000_000).optional(),
    demoSeed: z.number().int().optional(),
  })
  .transform((source) => ({
    ...normalizeBase(source, []),
    ...normalizeAlertMapping(source),
    demoAlerts: source.demoAlerts,
    demoSeed: source.demoSeed,
    /** The estate's Prometheus query API (its SLO traffic); set with `urls` when the estate starts. */
    prometheusUrls: [] as readonly string[],
  }));

export type DemoSourceConfig = z.output<typeof demoConfigSchema>;

/** The estate serves the real Alertmanager API, so the real Alertmanager connector polls it. */
export const demoConnector: Connector<DemoSourceConfig, AlertmanagerState> = {
  kind: 'demo',
  configSchema: demoConfigSchema,
  ...alertmanagerPolling,
  actions: { silence: createSilence, getSilences, expireSilence, extendSilence },
};
