import { z } from 'zod';
import {
  baseSourceFields,
  checkEndpoint,
  endpointFields,
  endpointUrls,
  normalizeBase,
} from '../../config/source-base.js';
import { alertMappingFields, normalizeAlertMapping } from '../common/alert-mapping.js';

/** `kind: prometheus`: the alert list of one Prometheus server, or of HA replicas (`urls:`). */
export const prometheusConfigSchema = z
  .strictObject({
    kind: z.literal('prometheus'),
    ...baseSourceFields,
    ...endpointFields,
    ...alertMappingFields,
  })
  .superRefine(checkEndpoint)
  .transform((source) => ({
    ...normalizeBase(source, endpointUrls(source)),
    ...normalizeAlertMapping(source),
  }));

export type PrometheusSourceConfig = z.output<typeof prometheusConfigSchema>;
