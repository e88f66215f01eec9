/**
 * Label matchers as Alertmanager parses and applies them: `filter` query parameters (`name="value"`,
 * `name!=value`, `name=~"re"`, `name!~"re"`) and silence matchers. Regular expressions are anchored, as in
 * Alertmanager; JavaScript's dialect stands in for Go's RE2, which agree on the patterns people use.
 */
import type { WireLabels } from './am-types.js';

export type MatchType = '=' | '!=' | '=~' | '!~';

export type LabelMatcher = Readonly<{
  name: string;
  type: MatchType;
  value: string;
  matches(text: string): boolean;
}>;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FILTER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/** Whether a string is a valid Prometheus label name. */
export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** Compiles an anchored regular expression, or throws with Alertmanager's wording. */
export function compileAnchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`invalid regular expression "${pattern}": ${reason}`, { cause: error });
  }
}

/** Builds a matcher; throws on a bad regular expression. */
export function createMatcher(name: string, type: MatchType, value: string): LabelMatcher {
  if (type === '=~' || type === '!~') {
    const regex = compileAnchored(value);
    const negate = type === '!~';
    return { name, type, value, matches: (text) => regex.test(text) !== negate };
  }
  const negate = type === '!=';
  return { name, type, value, matches: (text) => (text === value) !== negate };
}

function unquote(raw: string): string {
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return raw;
  return raw.slice(1, -1).replace(/\\(["\\n])/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped));
}

/** Parses one `filter` value, e.g. `service="payment-core"`; throws `bad matcher format: …`. */
export function parseMatcher(text: string): LabelMatcher {
  const match = FILTER.exec(text);
  const [, name, type, raw] = match ?? [];
  if (name === undefined || type === undefined || raw === undefined)
    throw new Error(`bad matcher format: ${text}`);
  return createMatcher(name, type as MatchType, unquote(raw));
}

/**
 * Alertmanager's `matchFilterLabels`: every matcher must hold, a missing label reads as "", and an empty
 * `=""` (or `!=""`) matcher is satisfied by the label being absent (or present).
 */
export function matchesFilter(matchers: readonly LabelMatcher[], labels: WireLabels): boolean {
  for (const matcher of matchers) {
    const value = labels[matcher.name];
    const negative = matcher.type === '!=' || matcher.type === '!~';
    if (matcher.value === '' && (negative ? value !== undefined : value === undefined)) continue;
    if (!matcher.matches(value ?? '')) return false;
  }
  return true;
}

/** Silence semantics: every matcher holds against the labels, a missing label reading as "". */
export function matchesAll(matchers: readonly LabelMatcher[], labels: WireLabels): boolean {
  for (const matcher of matchers) if (!matcher.matches(labels[matcher.name] ?? '')) return false;
  return true;
}
