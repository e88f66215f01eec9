import { z } from 'zod';
import { isKnownTimeZone, parsePromDuration } from '../../analysis/slo/windows.js';
import { DEFAULT_BURN_FACTORS } from '../../domain/index.js';
import type { BurnFactors, SloDefinition } from '../../domain/index.js';
import type { ConfigProblem } from '../load.js';
import { duration } from '../source-base.js';
import { slothSloSchema } from './sloth.js';

const promDuration = z.string().refine((text) => parsePromDuration(text) !== undefined, {
  message: 'is not a duration; write it like 30d, 28d or 2w',
});

const timeZone = z
  .string()
  .refine(isKnownTimeZone, { message: 'is not a time zone; write an IANA name like Asia/Shanghai' });

/** An inline SLO: the fields of a Sloth `slos[]` entry plus its service and, optionally, its window. */
const inlineObjectiveSchema = slothSloSchema.extend({
  service: z.string().min(1),
  /** `30d` (rolling) or `month` (the calendar month in `timeZone`). */
  window: z.union([z.literal('month'), promDuration]).optional(),
  timeZone: timeZone.optional(),
});
export type InlineObjective = z.output<typeof inlineObjectiveSchema>;

const matcherSchema = z
  .record(z.string().min(1), z.string())
  .refine((value) => Object.keys(value).length > 0, {
    message: 'a matcher names at least one label, e.g. { alertname: PaymentErrors }',
  });

/** A GOC business scenario: the alerts that mean "unstable", and the objective over a window. */
const scenarioSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'an id is lower-case letters, digits, - and _ (e.g. pay)'),
  name: z.string().min(1),
  /** Percent, as everywhere in SLO files: 99.95. */
  objective: z.number().gt(0).lt(100),
  window: promDuration.default('30d'),
  alerts: z.array(matcherSchema).min(1, 'list the alerts that make this scenario unstable'),
  /** Unstable periods are rounded up to whole units (default 1m). */
  minUnit: duration(1000, 3_600_000, '1m').optional(),
});
export type ScenarioConfig = z.output<typeof scenarioSchema>;

/** The `slo:` key of cockpit.yaml. */
export const sloConfigSchema = z.strictObject({
  /** The Prometheus source that answers the queries; default: the only one. */
  source: z.string().optional(),
  interval: duration(5000, 3_600_000, '1m').prefault('1m'),
  files: z.array(z.string().min(1)).default([]),
  objectives: z.array(inlineObjectiveSchema).default([]),
  scenarios: z.array(scenarioSchema).default([]),
  /** Sloth files have no window: Sloth's default is 30 days. */
  slothWindow: promDuration.default('30d'),
  /** Default window and time zone of inline objectives. */
  window: z.union([z.literal('month'), promDuration]).default('30d'),
  timeZone: timeZone.default('UTC'),
  /** Below this many events in a window, the window says nothing and the SLO shows no-data. */
  minEvents: z.number().int().min(0).default(10),
  burnFactors: z
    .strictObject({
      pageFast: z.number().positive().optional(),
      pageSlow: z.number().positive().optional(),
      ticketFast: z.number().positive().optional(),
      ticketSlow: z.number().positive().optional(),
    })
    .default({}),
});
export type SloConfigFile = z.output<typeof sloConfigSchema>;

/** What the cockpit evaluates, after the files are read: what the `slo` source's connector gets. */
export type SloSettings = Readonly<{
  /** The source whose Prometheus answers the queries (kind prometheus, or demo). */
  sourceId: string;
  intervalMs: number;
  minEvents: number;
  factors: BurnFactors;
  definitions: readonly SloDefinition[];
  /** Files, documents or SLOs that could not be read, each a sentence with file and line. */
  problems: readonly ConfigProblem[];
  scenarios: readonly ScenarioConfig[];
}>;

export function burnFactorsOf(file: SloConfigFile): BurnFactors {
  return {
    ...DEFAULT_BURN_FACTORS,
    ...Object.fromEntries(Object.entries(file.burnFactors).filter(([, value]) => value !== undefined)),
  };
}

/** An inline objective as a definition (its `objective` was checked as a percentage by the reader). */
export function inlineWindow(objective: InlineObjective, file: SloConfigFile): SloDefinition['window'] {
  const window = objective.window ?? file.window;
  if (window === 'month')
    return { kind: 'calendar', period: 'month', timeZone: objective.timeZone ?? file.timeZone };
  return { kind: 'rolling', ms: parsePromDuration(window) ?? 30 * 86_400_000 };
}
