import { z } from 'zod';
import {
  baseSourceFields,
  checkEndpoint,
  endpointFields,
  endpointUrls,
  normalizeBase,
} from '../../config/source-base.js';
import type { BaseSourceConfig } from '../../config/source-base.js';
import { ackFields, normalizeAck } from './ack.js';
import type { AckSettings } from './ack.js';
import { alertMappingFields, normalizeAlertMapping } from '../common/alert-mapping.js';
import type { AlertMappingConfig } from '../common/alert-mapping.js';

/** What the Alertmanager connector reads from any source it polls (an `alertmanager` or a `demo` one). */
/** Ack settings are optional here so a config built by hand (tests, benches) keeps the defaults. */
export type AlertmanagerPollConfig = BaseSourceConfig & AlertMappingConfig & Partial<AckSettings>;

/** `kind: alertmanager`: one Alertmanager (`url:`) or the members of one HA cluster (`urls:`). */
export const alertmanagerConfigSchema = z
  .strictObject({
    kind: z.literal('alertmanager'),
    ...baseSourceFields,
    ...endpointFields,
    ...alertMappingFields,
    ...ackFields,
  })
  .superRefine(checkEndpoint)
  .transform((source) => ({
    ...normalizeBase(source, endpointUrls(source)),
    ...normalizeAlertMapping(source),
    ...normalizeAck(source),
  }));

export type AlertmanagerSourceConfig = z.output<typeof alertmanagerConfigSchema>;
