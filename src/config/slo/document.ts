import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import type { SloDefinition, SloFormat } from '../../domain/index.js';
import type { ConfigProblem } from '../load.js';
import { formatKey, locate } from '../yaml-locate.js';
import type { Path } from '../yaml-locate.js';

/** What the SLO file formats share while reading one YAML document of one file. */
export type SloDocument = Readonly<{
  file: string;
  doc: Document;
  lines: LineCounter;
  /** The document's plain value. */
  raw: unknown;
  /** The Sloth window (Sloth files have none); 30 days unless `slo.slothWindow` says otherwise. */
  slothWindowMs: number;
}>;

export type ReadResult = Readonly<{ definitions: SloDefinition[]; problems: ConfigProblem[] }>;

/** A problem at a path of the document, with its line. */
export function problemAt(document: SloDocument, path: Path, message: string): ConfigProblem {
  return {
    file: document.file,
    ...locate(document.doc, document.lines, path),
    key: formatKey(path) || undefined,
    message,
  };
}

/** The line a path starts on (for a definition's origin). */
export function lineOf(document: SloDocument, path: Path): number | undefined {
  return locate(document.doc, document.lines, path).line;
}

/** zod's issues as problems that say what the format expects. */
export function schemaProblems(
  document: SloDocument,
  format: string,
  error: z.ZodError,
  prefix: Path = [],
): ConfigProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      let value: unknown = document.raw;
      for (const part of path)
        value =
          value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
      message =
        value === undefined
          ? `is required in a ${format} file (${issue.expected})`
          : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`} in a ${format} file`;
    }
    return problemAt(document, path, message);
  });
}

/** `service-name` as an id: lower case, runs of other characters as one dash. */
export function sloId(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function origin(document: SloDocument, format: SloFormat, path: Path): SloDefinition['origin'] {
  return { format, file: document.file, line: lineOf(document, path) };
}
