import { z } from 'zod';
import { objectiveFromPercent } from '../../domain/index.js';
import type { SloDefinition, SloIndicator } from '../../domain/index.js';
import type { ConfigProblem } from '../load.js';
import type { Path } from '../yaml-locate.js';
import { origin, problemAt, schemaProblems, sloId } from './document.js';
import type { ReadResult, SloDocument } from './document.js';

/**
 * Sloth's spec (slok/sloth, pkg/prometheus/api/v1): `version: prometheus/v1`, `service`, `labels`,
 * `slos[]` with `name`, `objective` (percent), `sli.events.{error_query,total_query}` or
 * `sli.raw.error_ratio_query`, all with `{{.window}}`. The Kubernetes CRD
 * (`sloth.slok.dev/v1` PrometheusServiceLevel) has the same fields under `spec`, in camelCase.
 */
const query = z.string().trim().min(1, 'the query is empty');

export const slothSloSchema = z.object({
  name: z.string().min(1),
  objective: z.number(),
  description: z.string().optional(),
  labels: z.record(z.string(), z.coerce.string()).optional(),
  sli: z.object({
    events: z
      .object({
        error_query: query.optional(),
        total_query: query.optional(),
        errorQuery: query.optional(),
        totalQuery: query.optional(),
      })
      .optional(),
    raw: z.object({ error_ratio_query: query.optional(), errorRatioQuery: query.optional() }).optional(),
    plugin: z.unknown().optional(),
  }),
});
export type SlothSlo = z.output<typeof slothSloSchema>;

const slothFileSchema = z.object({
  service: z.string().min(1),
  labels: z.record(z.string(), z.coerce.string()).optional(),
  slos: z.array(z.unknown()).min(1, 'list at least one SLO under slos:'),
});

type SlothIndicator = { indicator: SloIndicator } | { problem: string; at: Path };

function slothIndicator(sli: SlothSlo['sli']): SlothIndicator {
  const events = sli.events;
  if (events) {
    const errorQuery = events.error_query ?? events.errorQuery;
    const totalQuery = events.total_query ?? events.totalQuery;
    if (!errorQuery)
      return {
        problem: 'is required: the query counting bad events, with [{{.window}}]',
        at: ['sli', 'events', 'error_query'],
      };
    if (!totalQuery)
      return {
        problem: 'is required: the query counting all events, with [{{.window}}]',
        at: ['sli', 'events', 'total_query'],
      };
    return { indicator: { kind: 'events', errorQuery, totalQuery } };
  }
  const errorRatioQuery = sli.raw?.error_ratio_query ?? sli.raw?.errorRatioQuery;
  if (errorRatioQuery) return { indicator: { kind: 'ratio', errorRatioQuery } };
  if (sli.plugin !== undefined) {
    return {
      problem: 'Sloth SLI plugins are not supported by the cockpit; write the SLI as events: or raw: queries',
      at: ['sli', 'plugin'],
    };
  }
  return { problem: 'needs events: { error_query, total_query } or raw: { error_ratio_query }', at: ['sli'] };
}

function hasWindow(indicator: SloIndicator): string | undefined {
  const queries =
    indicator.kind === 'events' ? [indicator.errorQuery, indicator.totalQuery] : [indicator.errorRatioQuery];
  return queries.some((text) => !/\{\{\s*\.window\s*\}\}/.test(text))
    ? 'every SLI query needs [{{.window}}] where its range goes, so each burn-rate window can be asked'
    : undefined;
}

/** One Sloth SLO (a file's `slos[i]` or an inline objective) as a definition, or its problems. */
export function slothDefinition(
  document: SloDocument,
  path: Path,
  raw: unknown,
  service: string,
  labels: Readonly<Record<string, string>>,
  format: 'sloth' | 'inline',
  windowMs: number,
): { definition?: SloDefinition; problems: ConfigProblem[] } {
  const parsed = slothSloSchema.safeParse(raw);
  if (!parsed.success) return { problems: schemaProblems(document, 'Sloth', parsed.error, path) };
  const slo = parsed.data;
  const objective = objectiveFromPercent(slo.objective);
  if (objective !== undefined && slo.objective < 1) {
    // Nobody promises 0.99 %: this is a ratio written where Sloth wants a percentage.
    return {
      problems: [
        problemAt(
          document,
          [...path, 'objective'],
          `${slo.objective} looks like a ratio; Sloth objectives are percentages (write ${slo.objective * 100} for ${slo.objective * 100} %)`,
        ),
      ],
    };
  }
  if (objective === undefined) {
    return {
      problems: [
        problemAt(
          document,
          [...path, 'objective'],
          `${slo.objective} is not a percentage between 0 and 100 (write 99.9 for 99.9 %)`,
        ),
      ],
    };
  }
  const sli = slothIndicator(slo.sli);
  if ('problem' in sli) return { problems: [problemAt(document, [...path, ...sli.at], sli.problem)] };
  const missingWindow = hasWindow(sli.indicator);
  if (missingWindow) return { problems: [problemAt(document, [...path, 'sli'], missingWindow)] };
  return {
    definition: {
      // Sloth's own sloth_id: `<service>-<slo name>`.
      id: sloId(service, slo.name),
      name: slo.name,
      service,
      ...(slo.description ? { description: slo.description } : {}),
      objective,
      window: { kind: 'rolling', ms: windowMs },
      indicator: sli.indicator,
      origin: origin(document, format, path),
      labels: { ...labels, ...slo.labels },
    },
    problems: [],
  };
}

/** A Sloth `prometheus/v1` document, or the `spec` of a Sloth PrometheusServiceLevel. */
export function readSloth(document: SloDocument, specPath: Path = []): ReadResult {
  let value: unknown = document.raw;
  for (const part of specPath)
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  const parsed = slothFileSchema.safeParse(value);
  if (!parsed.success)
    return { definitions: [], problems: schemaProblems(document, 'Sloth', parsed.error, specPath) };
  const { service, labels = {}, slos } = parsed.data;
  const definitions: SloDefinition[] = [];
  const problems: ConfigProblem[] = [];
  slos.forEach((slo, index) => {
    const one = slothDefinition(
      document,
      [...specPath, 'slos', index],
      slo,
      service,
      labels,
      'sloth',
      document.slothWindowMs,
    );
    if (one.definition) definitions.push(one.definition);
    problems.push(...one.problems);
  });
  return { definitions, problems };
}
