import { z } from 'zod';
import { closestWord } from '../config/messages.js';

/**
 * Sentences for api inputs that fail their schema: which field, what was given, what is allowed
 * (`severity: "bogus" is not allowed; use one of critical, high, warning, info`). A schema's own
 * message (`say why you are silencing this alert`) wins over these.
 */

function given(input: unknown): string {
  if (input === undefined) return 'missing';
  if (typeof input === 'number' && Number.isNaN(input)) return 'not a number';
  if (typeof input === 'string') return JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input);
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'null';
  if (typeof input === 'object') return 'an object';
  return typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint'
    ? String(input)
    : typeof input;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** The parse-level error map the dispatcher passes to every input schema. */
export const apiInputErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (${EXPECTED[issue.expected] ?? issue.expected})`
        : `is ${given(issue.input)}; expected ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${given(issue.input)} is not allowed; use one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
    case 'too_big': {
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `is ${given(issue.input)}; it must be ${word} ${String(limit)}${unit}`;
    }
    case 'invalid_format':
      return `is ${given(issue.input)}, which is not a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/** For a union (a value or a list of them), the branch's issue that says most: not "expected a list". */
function mostSpecific(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const candidates = issue.errors.flat();
  const chosen = candidates.find((each) => each.code !== 'invalid_type') ?? candidates[0];
  if (!chosen) return issue;
  const inner = mostSpecific(chosen);
  return { ...inner, path: [...issue.path, ...inner.path] };
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The sentence for a failed input: up to three problems, each with its field. */
export function describeInputError(error: z.ZodError, schema: z.ZodType): string {
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const sentences = error.issues.slice(0, 3).map((raw) => {
    const issue = mostSpecific(raw);
    const field = fieldOf(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys
        .map((key) => {
          const meant = closestWord(key, known);
          const hint = meant ? `; did you mean "${meant}"?` : '';
          const allowed = known.length > 0 ? ` (allowed: ${known.join(', ')})` : ' (this method takes none)';
          return `unknown parameter "${key}"${hint}${allowed}`;
        })
        .join('; ');
    }
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  return sentences.join('; ') || 'invalid input';
}
