/**
 * One indentation mistake makes the YAML parser report two or three errors at the line before it,
 * none of which says what to do. This finds the line whose key does not start in the column of any
 * block it could belong to and says which column it should start in, so the loader can repair the
 * line, report one sentence, and go on checking the rest of the file.
 */

export type IndentMistake = Readonly<{
  /** 1-based line of the mis-indented key. */
  line: number;
  message: string;
  /** The text with that line moved to the suggested column. */
  repaired: string;
}>;

type Level = Readonly<{ column: number; line: number; name: string; dash: boolean }>;

const BLOCK_SCALAR = /:\s*[|>][-+0-9]*\s*(#.*)?$/;

function spaces(count: number): string {
  return `${count} space${count === 1 ? '' : 's'}`;
}

/** The first token of a line as a person would name it: the key, or `- key` for a list item. */
function nameOf(content: string): string {
  const dash = /^-(\s+|$)/.exec(content);
  const rest = dash ? content.slice(dash[0].length) : content;
  const key = /^([^:#\s][^:#]*?)\s*:(\s|$)/.exec(rest)?.[1] ?? rest.split(/\s/)[0] ?? '';
  return dash ? `- ${key}` : key;
}

function opensBlock(content: string): boolean {
  const withoutComment = content.replace(/\s+#.*$/, '');
  return withoutComment.endsWith(':') || /^-\s*$/.test(withoutComment);
}

/** Finds the first line indented to no column its neighbours allow; undefined when all fit. */
export function findIndentMistake(text: string): IndentMistake | undefined {
  const lines = text.split('\n');
  let levels: Level[] = [];
  let opener: Level | undefined;
  let scalarAbove: number | undefined;
  for (const [index, line] of lines.entries()) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#') || content.startsWith('---')) continue;
    const indent = line.length - content.length;
    if (scalarAbove !== undefined && indent > scalarAbove) continue;
    scalarAbove = undefined;
    const dash = /^-(\s+)/.exec(content);
    // The key of `- key: v` starts after the dash; it is the column the item's other keys share.
    const keyColumn = dash ? indent + dash[0].length : indent;
    const name = nameOf(content);
    const fits =
      levels.length === 0 ||
      (opener !== undefined && indent > opener.column) ||
      levels.some((level) => (dash ? level.dash && level.column === indent : level.column === indent)) ||
      (dash !== null && levels.some((level) => !level.dash && level.column === indent));
    if (!fits) {
      const candidates = levels.filter((level) => (dash ? level.dash : true));
      const target = candidates.reduce<Level | undefined>(
        (best, level) =>
          !best || Math.abs(level.column - indent) <= Math.abs(best.column - indent) ? level : best,
        undefined,
      );
      if (!target) return undefined;
      const repairedLines = [...lines];
      repairedLines[index] = ' '.repeat(target.column) + content;
      return {
        line: index + 1,
        message: `"${name}" is indented by ${spaces(indent)} but "${target.name}" on line ${target.line} by ${target.column}; indent "${name}" by ${spaces(target.column)} (the keys of one block start in the same column)`,
        repaired: repairedLines.join('\n'),
      };
    }
    levels = levels.filter(
      (level) => level.column < indent || (level.column === indent && level.dash !== !!dash),
    );
    levels.push({ column: indent, line: index + 1, name, dash: dash !== null });
    if (dash)
      levels.push({
        column: keyColumn,
        line: index + 1,
        name: nameOf(content.slice(dash[0].length)),
        dash: false,
      });
    opener = opensBlock(content)
      ? { column: dash ? keyColumn : indent, line: index + 1, name, dash: false }
      : undefined;
    if (BLOCK_SCALAR.test(content)) scalarAbove = indent;
  }
  return undefined;
}
