import { z } from 'zod';
import { DEFAULT_SEVERITY_VALUES, SEVERITIES } from '../../domain/index.js';
import type { SeverityMapping } from '../../domain/index.js';

const severityLevel = z.enum([...SEVERITIES, 'filtered']);

/** Config fields of kinds whose backend sends labelled alerts: how labels become severity and service. */
export const alertMappingFields = {
  severity: z
    .strictObject({
      labels: z.array(z.string().min(1)).min(1).optional(),
      label: z.string().min(1).optional(),
      map: z.record(z.string(), severityLevel).default({}),
      default: z.enum(SEVERITIES).default('warning'),
    })
    .default({ map: {}, default: 'warning' }),
  serviceLabels: z.array(z.string().min(1)).min(1).default(['service', 'job']),
};

type RawAlertMapping = z.output<z.ZodObject<typeof alertMappingFields>>;

/** How a source's alert labels map onto severity and service, after defaults. */
export type AlertMappingConfig = Readonly<{
  severity: SeverityMapping;
  serviceLabels: readonly string[];
}>;

/** Severity words are matched lower-case, on top of the defaults; `label:` is a list of one. */
export function normalizeAlertMapping(source: RawAlertMapping): AlertMappingConfig {
  const mapValues = Object.fromEntries(
    Object.entries(source.severity.map).map(([key, value]) => [key.trim().toLowerCase(), value]),
  );
  const labels = source.severity.labels ?? (source.severity.label ? [source.severity.label] : ['severity']);
  return {
    severity: {
      labels,
      values: { ...DEFAULT_SEVERITY_VALUES, ...mapValues },
      default: source.severity.default,
    },
    serviceLabels: source.serviceLabels,
  };
}
