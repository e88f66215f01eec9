import type { z } from 'zod';

/**
 * The sentences for values of the wrong type or out of range: what was found and what to write
 * instead ("is 10, a number; write a duration such as 10s"). A field says what it expects with
 * `expecting(…)` on its schema; every other field gets `configErrorMap`'s generic wording.
 */

/** How a person would name a value found in YAML: `10, a number`, `"thirty", a string`, `empty`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : `${JSON.stringify(value)}, a string`;
  if (typeof value === 'number') return `${value}, a number`;
  if (typeof value === 'boolean') return `${value}, a yes/no value`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of settings';
  return typeof value;
}

type RawIssue = z.core.$ZodRawIssue;

/** "is X; write Y", or "is required; write Y" when the key is missing. */
function foundAndWanted(input: unknown, wanted: string): string {
  return input === undefined ? `is required; write ${wanted}` : `is ${describeValue(input)}; write ${wanted}`;
}

const GENERIC_EXPECTED: Readonly<Record<string, string>> = {
  string: 'text (quote it if it looks like a number)',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list, e.g. [a, b]',
  object: 'a map of settings (key: value lines indented below it)',
};

function bound(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const word = issue.code === 'too_small' ? 'at least' : 'at most';
  if (issue.origin === 'string') return `${word} ${String(limit)} characters`;
  if (issue.origin === 'array') return `${word} ${String(limit)} items`;
  return `${word} ${String(limit)}`;
}

/** A schema-level error map: the field's own wording of what it wants, for wrong types and ranges. */
export function expecting(wanted: string): z.core.$ZodErrorMap {
  return (issue) => {
    // A union (a title or titles by language) that matched no form is worded like a wrong type.
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union')
      return foundAndWanted(issue.input, wanted);
    if (issue.code === 'too_small' || issue.code === 'too_big')
      return `is ${describeValue(issue.input).replace(/, a (number|string)$/, '')}; write ${wanted} (${bound(issue)})`;
    return undefined;
  };
}

/** The parse-level error map: generic sentences for fields that do not say what they expect. */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return foundAndWanted(issue.input, GENERIC_EXPECTED[issue.expected] ?? issue.expected);
    case 'invalid_value':
      return `is ${JSON.stringify(issue.input)}; write one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'is empty; write a value';
      return `is ${describeValue(issue.input)}; it must be ${bound(issue)}`;
    case 'too_big':
      return `is ${describeValue(issue.input)}; it must be ${bound(issue)}`;
    default:
      return undefined;
  }
};

/** Edit distance between two short words, a swap of two neighbours counting as one edit. */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between a's first i and b's first j characters.
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const cell = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j += 1) {
      const same = a[i - 1] === b[j - 1];
      let best = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, cell(i - 1, j - 1) + (same ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, cell(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return cell(a.length, b.length);
}

/** The candidate a misspelt word most likely meant, if one is close enough to suggest. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // A third of the word's length (at least 1, at most 3) allows a typo or two, not a different word.
  const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  return best && best.distance <= allowed ? best.candidate : undefined;
}
