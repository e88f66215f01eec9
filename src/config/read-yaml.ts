import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { findIndentMistake } from './indentation.js';
import type { ConfigProblem } from './problems.js';

export type YamlRead = Readonly<{
  doc: Document;
  lines: LineCounter;
  problems: ConfigProblem[];
  usable: boolean;
}>;

const INDENT_ERRORS = new Set([
  'BAD_INDENT',
  'BLOCK_AS_IMPLICIT_KEY',
  'MULTILINE_IMPLICIT_KEY',
  'MISSING_CHAR',
]);

function parseYaml(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

/**
 * Parses the YAML, repairing indentation mistakes one line at a time (each becomes one sentence with
 * its fix) so the rest of the file can still be checked. Other syntax errors end the check there.
 */
export function readYaml(text: string, file: string): YamlRead {
  const problems: ConfigProblem[] = [];
  let current = text;
  let parsed = parseYaml(current);
  for (let attempt = 0; attempt < 20 && parsed.doc.errors.length > 0; attempt += 1) {
    if (!parsed.doc.errors.some((error) => INDENT_ERRORS.has(error.code))) break;
    const mistake = findIndentMistake(current);
    if (!mistake) break;
    const next = parseYaml(mistake.repaired);
    // Keep a repair only when it helps: the heuristic must never invent a mistake.
    if (next.doc.errors.length >= parsed.doc.errors.length) break;
    problems.push({ file, line: mistake.line, message: mistake.message });
    current = mistake.repaired;
    parsed = next;
  }
  const { doc, lines } = parsed;
  const reported = new Set<number>();
  for (const error of doc.errors) {
    const position = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
    if (reported.has(position.line)) continue;
    reported.add(position.line);
    problems.push({
      file,
      line: position.line,
      column: position.col,
      message:
        error.code === 'TAB_AS_INDENT'
          ? 'this line is indented with a tab, which YAML does not allow; indent it with spaces'
          : `this is not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
    });
  }
  return { doc, lines, problems, usable: doc.errors.length === 0 };
}
