import { z } from 'zod';
import { parsePromDuration } from '../../analysis/slo/windows.js';
import { objectiveFromPercent } from '../../domain/index.js';
import type { SloIndicator } from '../../domain/index.js';
import { origin, problemAt, schemaProblems, sloId } from './document.js';
import type { ReadResult, SloDocument } from './document.js';

/**
 * Pyrra's ServiceLevelObjective (pyrra-dev/pyrra, kubernetes/api/v1alpha1): `spec.target` (percent,
 * usually a string), `spec.window` (a Prometheus duration), `spec.indicator.ratio.{errors,total}.metric`
 * or `spec.indicator.latency.{success,total}.metric` (counter selectors). `grouping` splits Pyrra's
 * SLO per label value; the cockpit sums over the groups (one tile per SLO).
 */
const metric = z.object({ metric: z.string().trim().min(1, 'the metric selector is empty') });

const pyrraSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.object({
    target: z.union([z.string(), z.number()]),
    window: z.string(),
    description: z.string().optional(),
    indicator: z.object({
      ratio: z.object({ errors: metric, total: metric, grouping: z.array(z.string()).nullish() }).optional(),
      latency: z
        .object({ success: metric, total: metric, grouping: z.array(z.string()).nullish() })
        .optional(),
      latencyNative: z.unknown().optional(),
      boolGauge: z.unknown().optional(),
    }),
  }),
});

/** Pyrra's rule prefix (slo/rules.go BurnrateName): the metric name without `_total` or `_count`. */
export function pyrraRulePrefix(selector: string): string | undefined {
  const name = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(selector)?.[1];
  return name?.replace(/_total$/, '').replace(/_count$/, '');
}

const rate = (selector: string) => `sum(rate(${selector}[{{.window}}]))`;

export function readPyrra(document: SloDocument): ReadResult {
  const parsed = pyrraSchema.safeParse(document.raw);
  if (!parsed.success) return { definitions: [], problems: schemaProblems(document, 'Pyrra', parsed.error) };
  const { metadata, spec } = parsed.data;
  const objective = objectiveFromPercent(Number(spec.target));
  if (objective === undefined) {
    return {
      definitions: [],
      problems: [
        problemAt(
          document,
          ['spec', 'target'],
          `"${spec.target}" is not a percentage between 0 and 100 (Pyrra writes target: "99.9")`,
        ),
      ],
    };
  }
  const windowMs = parsePromDuration(spec.window);
  if (windowMs === undefined) {
    return {
      definitions: [],
      problems: [
        problemAt(
          document,
          ['spec', 'window'],
          `"${spec.window}" is not a Prometheus duration; write it like 28d or 2w`,
        ),
      ],
    };
  }
  let indicator: SloIndicator;
  const { ratio, latency } = spec.indicator;
  if (ratio) {
    indicator = {
      kind: 'events',
      errorQuery: rate(ratio.errors.metric),
      totalQuery: rate(ratio.total.metric),
    };
  } else if (latency) {
    // Slow requests are the total minus those under the latency bucket.
    indicator = {
      kind: 'events',
      errorQuery: `${rate(latency.total.metric)} - ${rate(latency.success.metric)}`,
      totalQuery: rate(latency.total.metric),
    };
  } else {
    const kind =
      spec.indicator.latencyNative !== undefined
        ? 'latencyNative'
        : spec.indicator.boolGauge !== undefined
          ? 'boolGauge'
          : undefined;
    return {
      definitions: [],
      problems: [
        problemAt(
          document,
          ['spec', 'indicator'],
          kind
            ? `Pyrra's ${kind} indicator is not supported by the cockpit yet; use a ratio or latency indicator`
            : 'needs ratio: { errors, total } or latency: { success, total }',
        ),
      ],
    };
  }
  const grouping = (ratio ?? latency)?.grouping ?? [];
  const prefix = pyrraRulePrefix((ratio ?? latency)?.total.metric ?? '');
  const service =
    metadata.labels?.['pyrra.dev/service'] ??
    metadata.labels?.['pyrra.dev/team'] ??
    metadata.namespace ??
    metadata.name;
  return {
    definitions: [
      {
        id: sloId(metadata.name),
        name: metadata.name,
        service,
        ...(spec.description ? { description: spec.description } : {}),
        objective,
        window: { kind: 'rolling', ms: windowMs },
        indicator,
        origin: origin(document, 'pyrra', ['metadata', 'name']),
        labels: metadata.labels ?? {},
        // Grouped SLOs have one rule series per group: a ratio per group cannot be summed.
        ...(grouping.length === 0 && prefix ? { pyrraRulePrefix: prefix } : {}),
      },
    ],
    problems: [],
  };
}
