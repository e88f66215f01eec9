import { z } from 'zod';
import { isKnownTimeZone, parsePromDuration } from '../../analysis/slo/windows.js';
import type { SloDefinition, SloIndicator, SloWindow } from '../../domain/index.js';
import type { ConfigProblem } from '../load.js';
import type { Path } from '../yaml-locate.js';
import { origin, problemAt, schemaProblems, sloId } from './document.js';
import type { ReadResult, SloDocument } from './document.js';

/**
 * OpenSLO v1 (OpenSLO/OpenSLO README, `apiVersion: openslo/v1`): `kind: SLO` with `spec.service`, an
 * inline `spec.indicator` or `spec.indicatorRef` (a `kind: SLI` document), `spec.timeWindow[0]`
 * (`{duration, isRolling}` or a calendar `{duration: 1M, calendar: {startTime, timeZone}}`),
 * `budgetingMethod` and `objectives[].target`. Only ratio SLIs over Prometheus with the Occurrences
 * budgeting method are evaluated; Timeslices and RatioTimeslices are not supported yet.
 */
const metricSource = z.object({
  metricSource: z.object({
    type: z.string().optional(),
    spec: z
      .object({ query: z.string().trim().min(1).optional(), promql: z.string().trim().min(1).optional() })
      .loose(),
  }),
});

export const sliSpecSchema = z.object({
  ratioMetric: z
    .object({
      counter: z.boolean().optional(),
      good: metricSource.optional(),
      bad: metricSource.optional(),
      total: metricSource,
    })
    .optional(),
  thresholdMetric: z.unknown().optional(),
});
type SliSpec = z.output<typeof sliSpecSchema>;

const sloSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    displayName: z.string().optional(),
    labels: z.record(z.string(), z.unknown()).optional(),
  }),
  spec: z.object({
    description: z.string().optional(),
    service: z.string().min(1),
    indicator: z
      .object({ metadata: z.object({ name: z.string().optional() }).optional(), spec: sliSpecSchema })
      .optional(),
    indicatorRef: z.string().optional(),
    timeWindow: z
      .array(
        z.object({
          duration: z.string(),
          isRolling: z.boolean().optional(),
          calendar: z
            .object({ startTime: z.string().optional(), timeZone: z.string().optional() })
            .optional(),
        }),
      )
      .min(1, 'give one timeWindow, e.g. - duration: 28d, isRolling: true'),
    budgetingMethod: z.string(),
    objectives: z
      .array(
        z.object({
          displayName: z.string().optional(),
          target: z.number().optional(),
          targetPercent: z.number().optional(),
        }),
      )
      .min(1, 'give at least one objective with a target'),
  }),
});

/** The `kind: SLI` documents of all files, by name, for `indicatorRef`. */
export type SliCatalog = ReadonlyMap<string, SliSpec>;

/** A `kind: SLI` document: its name and spec, or its problems. */
export function readOpenSloSli(document: SloDocument): {
  name?: string;
  spec?: SliSpec;
  problems: ConfigProblem[];
} {
  const parsed = z
    .object({ metadata: z.object({ name: z.string().min(1) }), spec: sliSpecSchema })
    .safeParse(document.raw);
  if (!parsed.success) return { problems: schemaProblems(document, 'OpenSLO', parsed.error) };
  return { name: parsed.data.metadata.name, spec: parsed.data.spec, problems: [] };
}

function queryOf(source: z.output<typeof metricSource>): string | undefined {
  return source.metricSource.spec.query ?? source.metricSource.spec.promql;
}

/** A counter selector becomes a rate over `{{.window}}`; an expression that has its own range is kept. */
function asRate(query: string): string {
  return /\[|\{\{\s*\.window/.test(query) ? query : `sum(rate(${query}[{{.window}}]))`;
}

function indicatorFrom(
  spec: SliSpec,
  document: SloDocument,
  at: Path,
): { indicator: SloIndicator } | { problem: ConfigProblem } {
  const ratio = spec.ratioMetric;
  if (!ratio) {
    return {
      problem: problemAt(
        document,
        at,
        'only ratioMetric SLIs are supported by the cockpit; thresholdMetric is not (yet)',
      ),
    };
  }
  for (const [name, source] of [
    ['good', ratio.good],
    ['bad', ratio.bad],
    ['total', ratio.total],
  ] as const) {
    const type = source?.metricSource.type;
    if (source && type !== undefined && type.toLowerCase() !== 'prometheus') {
      return {
        problem: problemAt(
          document,
          [...at, 'ratioMetric', name, 'metricSource', 'type'],
          `the cockpit reads Prometheus metric sources only, not ${type}`,
        ),
      };
    }
  }
  if (ratio.counter === false) {
    return {
      problem: problemAt(
        document,
        [...at, 'ratioMetric', 'counter'],
        'counter: false (gauge) ratio metrics are not supported yet; use counters',
      ),
    };
  }
  const total = queryOf(ratio.total);
  const good = ratio.good ? queryOf(ratio.good) : undefined;
  const bad = ratio.bad ? queryOf(ratio.bad) : undefined;
  if (!total)
    return { problem: problemAt(document, [...at, 'ratioMetric', 'total'], 'needs metricSource.spec.query') };
  if (bad) return { indicator: { kind: 'events', errorQuery: asRate(bad), totalQuery: asRate(total) } };
  if (good)
    return {
      indicator: {
        kind: 'events',
        errorQuery: `${asRate(total)} - ${asRate(good)}`,
        totalQuery: asRate(total),
      },
    };
  return { problem: problemAt(document, [...at, 'ratioMetric'], 'needs good: or bad: next to total:') };
}

function windowFrom(
  timeWindow: z.output<typeof sloSchema>['spec']['timeWindow'][number],
  document: SloDocument,
): { window: SloWindow } | { problem: ConfigProblem } {
  const at: Path = ['spec', 'timeWindow', 0];
  if (timeWindow.isRolling !== false && !timeWindow.calendar) {
    const ms = parsePromDuration(timeWindow.duration);
    return ms === undefined
      ? {
          problem: problemAt(
            document,
            [...at, 'duration'],
            `"${timeWindow.duration}" is not a duration; write it like 28d or 2w`,
          ),
        }
      : { window: { kind: 'rolling', ms } };
  }
  if (timeWindow.duration !== '1M') {
    return {
      problem: problemAt(
        document,
        [...at, 'duration'],
        `calendar windows of ${timeWindow.duration} are not supported yet; use duration: 1M (a calendar month) or a rolling window`,
      ),
    };
  }
  const timeZone = timeWindow.calendar?.timeZone ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) {
    return {
      problem: problemAt(
        document,
        [...at, 'calendar', 'timeZone'],
        `"${timeZone}" is not a time zone; write an IANA name like Asia/Shanghai`,
      ),
    };
  }
  return { window: { kind: 'calendar', period: 'month', timeZone } };
}

/** OpenSLO v1's other budgeting methods: valid, not computed yet (they need per-slice evaluation). */
const TIMESLICE_METHODS: readonly string[] = ['Timeslices', 'RatioTimeslices'];

/** An OpenSLO v1 `kind: SLO` document; `slis` resolves `indicatorRef`. */
export function readOpenSlo(document: SloDocument, slis: SliCatalog): ReadResult {
  const parsed = sloSchema.safeParse(document.raw);
  if (!parsed.success)
    return { definitions: [], problems: schemaProblems(document, 'OpenSLO', parsed.error) };
  const { metadata, spec } = parsed.data;
  const fail = (problem: ConfigProblem): ReadResult => ({ definitions: [], problems: [problem] });
  if (spec.budgetingMethod !== 'Occurrences') {
    const known = TIMESLICE_METHODS.includes(spec.budgetingMethod);
    return fail(
      problemAt(
        document,
        ['spec', 'budgetingMethod'],
        known
          ? `SLO "${metadata.name}" uses budgetingMethod ${spec.budgetingMethod}, which the cockpit does not support yet: it computes Occurrences budgets only (good events / total events), so this SLO is not shown`
          : `SLO "${metadata.name}" has budgetingMethod "${spec.budgetingMethod}", which OpenSLO v1 does not define; write Occurrences`,
      ),
    );
  }
  let sli: SliSpec | undefined = spec.indicator?.spec;
  let sliPath: Path = ['spec', 'indicator', 'spec'];
  if (!sli && spec.indicatorRef) {
    sli = slis.get(spec.indicatorRef);
    sliPath = ['spec', 'indicatorRef'];
    if (!sli)
      return fail(
        problemAt(
          document,
          sliPath,
          `no kind: SLI named "${spec.indicatorRef}" in the SLO files; add it or inline the indicator`,
        ),
      );
  }
  if (!sli) return fail(problemAt(document, ['spec'], 'needs indicator: or indicatorRef:'));
  const indicator = indicatorFrom(sli, document, sliPath);
  if ('problem' in indicator) return fail(indicator.problem);
  const [firstWindow] = spec.timeWindow;
  if (!firstWindow) return fail(problemAt(document, ['spec', 'timeWindow'], 'give one timeWindow'));
  const window = windowFrom(firstWindow, document);
  if ('problem' in window) return fail(window.problem);
  const definitions: SloDefinition[] = [];
  const problems: ConfigProblem[] = [];
  spec.objectives.forEach((objective, index) => {
    const target =
      objective.target ?? (objective.targetPercent === undefined ? undefined : objective.targetPercent / 100);
    if (target === undefined || !(target > 0 && target < 1)) {
      problems.push(
        problemAt(
          document,
          ['spec', 'objectives', index],
          'needs target: between 0 and 1 (0.999) or targetPercent: (99.9)',
        ),
      );
      return;
    }
    const suffix = spec.objectives.length > 1 ? `-${index + 1}` : '';
    definitions.push({
      id: sloId(metadata.name) + suffix,
      name:
        (objective.displayName ?? metadata.displayName ?? metadata.name) +
        (suffix && !objective.displayName ? suffix : ''),
      service: spec.service,
      ...(spec.description ? { description: spec.description } : {}),
      objective: target,
      window: window.window,
      indicator: indicator.indicator,
      origin: origin(document, 'openslo', ['metadata', 'name']),
      labels: {},
    });
  });
  return { definitions, problems };
}
