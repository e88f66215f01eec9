import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { SloDefinition } from '../../domain/index.js';
import type { ConfigProblem } from '../load.js';
import type { SourceConfig } from '../schema.js';
import { locate } from '../yaml-locate.js';
import { burnFactorsOf, inlineWindow } from './config.js';
import type { SloConfigFile, SloSettings } from './config.js';
import { loadSloFiles, sloFiles, uniqueById } from './load-files.js';
import { slothDefinition } from './sloth.js';
import { parsePromDuration } from '../../analysis/slo/windows.js';

/** The id of the source that evaluates SLOs (see ARCHITECTURE.md, "SLOs"). */
export const SLO_SOURCE_ID = 'slo';

/** Kinds whose URL answers Prometheus's query API (the demo estate serves it too). */
const PROMETHEUS_KINDS = new Set<SourceConfig['kind']>(['prometheus', 'demo']);

export type ResolveSloOptions = Readonly<{
  /** cockpit.yaml's path (messages) and the folder relative file patterns start from. */
  configFile: string;
  baseDir: string;
  /** The parsed cockpit.yaml, for the lines of inline objectives; absent for built-in configs. */
  doc?: Document;
  lines?: LineCounter;
}>;

/**
 * Reads the SLO files and inline objectives of `slo:`. A wrong `source:` is fatal (the config is
 * wrong); a broken SLO file or SLO is not: it becomes one of `problems` and the others load.
 */
export function resolveSloSettings(
  file: SloConfigFile,
  sources: readonly SourceConfig[],
  options: ResolveSloOptions,
): { settings?: SloSettings; fatal: ConfigProblem[] } {
  const doc = options.doc ?? parseDocument('');
  const lines = options.lines ?? new LineCounter();
  const at = (path: (string | number)[]) => ({ file: options.configFile, ...locate(doc, lines, path) });
  const candidates = sources.filter((source) => PROMETHEUS_KINDS.has(source.kind));
  let sourceId = file.source;
  if (sourceId === undefined) {
    if (candidates.length !== 1) {
      return {
        fatal: [
          {
            ...at(['slo']),
            key: 'slo.source',
            message:
              candidates.length === 0
                ? 'SLOs need a Prometheus to ask: add a source of kind: prometheus, or remove slo:'
                : `several sources can answer PromQL (${candidates.map((source) => source.id).join(', ')}); name one with source:`,
          },
        ],
      };
    }
    sourceId = candidates[0]?.id ?? '';
  } else if (!candidates.some((source) => source.id === sourceId)) {
    return {
      fatal: [
        {
          ...at(['slo', 'source']),
          key: 'slo.source',
          message: `there is no prometheus source "${sourceId}"; name one of ${candidates.map((source) => `"${source.id}"`).join(', ') || '(none configured)'}`,
        },
      ],
    };
  }
  if (sources.some((source) => source.id === SLO_SOURCE_ID)) {
    return {
      fatal: [
        {
          ...at(['sources']),
          message: `the source id "${SLO_SOURCE_ID}" is taken by SLO evaluation when slo: is set; rename that source`,
        },
      ],
    };
  }

  const slothWindowMs = parsePromDuration(file.slothWindow) ?? 30 * 86_400_000;
  const found = sloFiles(file.files, options.baseDir, options.configFile, (index) =>
    at(['slo', 'files', index]),
  );
  const loaded = loadSloFiles(found.files, slothWindowMs);
  const inline: SloDefinition[] = [];
  const problems: ConfigProblem[] = [...found.problems, ...loaded.problems];
  const document = {
    file: options.configFile,
    doc,
    lines,
    raw: { slo: { objectives: file.objectives } },
    slothWindowMs,
  };
  file.objectives.forEach((objective, index) => {
    const one = slothDefinition(
      document,
      ['slo', 'objectives', index],
      objective,
      objective.service,
      {},
      'inline',
      slothWindowMs,
    );
    if (one.definition) inline.push({ ...one.definition, window: inlineWindow(objective, file) });
    problems.push(...one.problems);
  });
  const unique = uniqueById([...inline, ...loaded.definitions]);
  return {
    settings: {
      sourceId,
      intervalMs: file.interval,
      minEvents: file.minEvents,
      factors: burnFactorsOf(file),
      definitions: unique.definitions,
      problems: [...problems, ...unique.problems],
      scenarios: file.scenarios,
    },
    fatal: [],
  };
}
