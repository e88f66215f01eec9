import type { SnippetPart } from '../../domain/index.js';

const BEFORE = 50;
const LENGTH = 180;

/**
 * The body without its leading heading when that heading is the title: a runbook's markdown starts
 * with `# <title>`, which the row already shows above the snippet.
 */
export function bodyAfterTitle(plain: string, title: string): string {
  const trimmed = plain.trimStart();
  const heading = title.trim();
  if (heading === '' || !trimmed.startsWith(heading)) return plain;
  return trimmed.slice(heading.length).trimStart();
}

/**
 * A short piece of `plain` around the first term found, with every term inside it marked. Built
 * from the stored plain text, not FTS5's snippet(): the index holds CJK bigrams, not the words.
 */
export function snippetOf(plain: string, terms: readonly string[]): SnippetPart[] {
  const lower = plain.toLowerCase();
  const needles = terms.map((term) => term.toLowerCase()).filter((term) => term.length > 0);
  let first = -1;
  for (const needle of needles) {
    const at = lower.indexOf(needle);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = first < 0 ? 0 : Math.max(0, first - BEFORE);
  const end = Math.min(plain.length, start + LENGTH);
  const window = plain.slice(start, end);
  const windowLower = lower.slice(start, end);
  const marks: boolean[] = new Array<boolean>(window.length).fill(false);
  for (const needle of needles) {
    for (
      let at = windowLower.indexOf(needle);
      at >= 0;
      at = windowLower.indexOf(needle, at + needle.length)
    ) {
      for (let index = at; index < at + needle.length; index++) marks[index] = true;
    }
  }
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  let runStart = 0;
  for (let index = 1; index <= window.length; index++) {
    if (index === window.length || marks[index] !== marks[runStart]) {
      parts.push({ text: window.slice(runStart, index), hit: marks[runStart] ?? false });
      runStart = index;
    }
  }
  if (end < plain.length) parts.push({ text: '…', hit: false });
  return parts.filter((part) => part.text.length > 0);
}
