import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { SloDefinition } from '../../domain/index.js';
import type { ConfigProblem } from '../load.js';
import type { ReadResult, SloDocument } from './document.js';
import { readOpenSlo, readOpenSloSli } from './openslo.js';
import type { SliCatalog } from './openslo.js';
import { readPyrra } from './pyrra.js';
import { readSloth } from './sloth.js';

type Detected = 'sloth' | 'sloth-k8s' | 'pyrra' | 'openslo-slo' | 'openslo-sli' | 'openslo-other' | 'unknown';

/** The format of one YAML document, from `version`, `apiVersion` and `kind`. */
export function detectFormat(raw: unknown): { format: Detected; problem?: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { format: 'unknown', problem: 'is not a YAML mapping' };
  const { version, apiVersion, kind } = raw as Record<string, unknown>;
  if (version === 'prometheus/v1') return { format: 'sloth' };
  if (apiVersion === 'sloth.slok.dev/v1' && kind === 'PrometheusServiceLevel') return { format: 'sloth-k8s' };
  if (
    typeof apiVersion === 'string' &&
    apiVersion.startsWith('pyrra.dev/') &&
    kind === 'ServiceLevelObjective'
  )
    return { format: 'pyrra' };
  if (apiVersion === 'openslo/v1') {
    if (kind === 'SLO') return { format: 'openslo-slo' };
    if (kind === 'SLI') return { format: 'openslo-sli' };
    return { format: 'openslo-other' };
  }
  if (typeof apiVersion === 'string' && apiVersion.startsWith('openslo/')) {
    return {
      format: 'unknown',
      problem: `OpenSLO ${apiVersion.slice('openslo/'.length)} is not supported; write apiVersion: openslo/v1`,
    };
  }
  if (typeof version === 'string') {
    return {
      format: 'unknown',
      problem: `Sloth version "${version}" is not supported; write version: prometheus/v1`,
    };
  }
  return {
    format: 'unknown',
    problem:
      'is not an SLO file the cockpit knows: write a Sloth file (version: prometheus/v1), a Pyrra one (apiVersion: pyrra.dev/v1alpha1, kind: ServiceLevelObjective) or an OpenSLO one (apiVersion: openslo/v1, kind: SLO)',
  };
}

export type LoadedSlos = Readonly<{ definitions: SloDefinition[]; problems: ConfigProblem[] }>;

type ParsedDocument = Readonly<{ document: SloDocument; format: Detected; problem?: string }>;

/** Every YAML document of one file; a file that cannot be read or parsed is one problem. */
function parseFile(
  file: string,
  slothWindowMs: number,
): { documents: ParsedDocument[]; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      documents: [],
      problems: [
        {
          file,
          message: `cannot read the SLO file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); fix the path under slo.files`,
        },
      ],
    };
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const problems: ConfigProblem[] = [];
  const documents: ParsedDocument[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const position = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
        problems.push({
          file,
          line: position.line,
          column: position.col,
          message: `this is not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
        });
      }
      continue;
    }
    const raw: unknown = doc.toJS();
    if (raw === null || raw === undefined) continue;
    const detected = detectFormat(raw);
    documents.push({ document: { file, doc, lines, raw, slothWindowMs }, ...detected });
  }
  return { documents, problems };
}

function readDocument(parsed: ParsedDocument, slis: SliCatalog): ReadResult {
  const { document } = parsed;
  switch (parsed.format) {
    case 'sloth':
      return readSloth(document);
    case 'sloth-k8s':
      return readSloth(document, ['spec']);
    case 'pyrra':
      return readPyrra(document);
    case 'openslo-slo':
      return readOpenSlo(document, slis);
    case 'openslo-sli':
    case 'openslo-other':
      return { definitions: [], problems: [] };
    case 'unknown': {
      const line = document.lines.linePos(document.doc.contents?.range?.[0] ?? 0).line;
      return {
        definitions: [],
        problems: [{ file: document.file, line, message: parsed.problem ?? 'is not an SLO document' }],
      };
    }
  }
}

/** The files the patterns name, relative to `baseDir`, sorted; a pattern matching nothing is a problem. */
export function sloFiles(
  patterns: readonly string[],
  baseDir: string,
  configFile: string,
  /** Where `slo.files[index]` is in the config file, for the problem's line. */
  locate: (index: number) => { line?: number; column?: number } = () => ({}),
): { files: string[]; problems: ConfigProblem[] } {
  const files = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const [index, pattern] of patterns.entries()) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
    const found = globSync(absolute, { absolute: true, onlyFiles: true, expandDirectories: false });
    if (found.length === 0) {
      problems.push({
        file: configFile,
        ...locate(index),
        key: `slo.files[${index}]`,
        message: `"${pattern}" matches no file (looked for ${absolute}); fix the path or the pattern`,
      });
    }
    for (const file of found) files.add(file);
  }
  return { files: [...files].sort(), problems };
}

/**
 * Reads Sloth, Pyrra and OpenSLO files. Each file, document and SLO is read on its own: one broken
 * one is a problem of its own and never hides the others. `kind: SLI` documents of any file resolve
 * OpenSLO `indicatorRef`s.
 */
export function loadSloFiles(files: readonly string[], slothWindowMs: number): LoadedSlos {
  const problems: ConfigProblem[] = [];
  const parsed: ParsedDocument[] = [];
  for (const file of files) {
    const one = parseFile(file, slothWindowMs);
    parsed.push(...one.documents);
    problems.push(...one.problems);
  }
  const slis = new Map<string, NonNullable<ReturnType<typeof readOpenSloSli>['spec']>>();
  for (const document of parsed.filter((entry) => entry.format === 'openslo-sli')) {
    const sli = readOpenSloSli(document.document);
    if (sli.name && sli.spec) slis.set(sli.name, sli.spec);
    problems.push(...sli.problems);
  }
  const definitions: SloDefinition[] = [];
  for (const document of parsed) {
    const result = readDocument(document, slis);
    definitions.push(...result.definitions);
    problems.push(...result.problems);
  }
  return { definitions, problems };
}

/** Drops an SLO whose id another already has, with a sentence naming both places. */
export function uniqueById(definitions: readonly SloDefinition[]): LoadedSlos {
  const seen = new Map<string, SloDefinition>();
  const problems: ConfigProblem[] = [];
  for (const definition of definitions) {
    const first = seen.get(definition.id);
    if (first) {
      const where = first.origin.file ? `${first.origin.file}:${first.origin.line ?? '?'}` : 'cockpit.yaml';
      problems.push({
        file: definition.origin.file ?? 'cockpit.yaml',
        line: definition.origin.line,
        message: `the SLO id "${definition.id}" is already used at ${where}; give one of them another name`,
      });
    } else seen.set(definition.id, definition);
  }
  return { definitions: [...seen.values()], problems };
}
