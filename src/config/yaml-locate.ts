import { isMap, isPair, isScalar } from 'yaml';
import type { Document, LineCounter } from 'yaml';

/** A path into a YAML document, as zod reports it. */
export type Path = readonly PropertyKey[];

export function formatKey(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Finds the line of a path in the document, walking up to the nearest node that exists. */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: Path,
  unknownKey?: string,
): { line?: number; column?: number } {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!node) continue;
    let offset: number | undefined;
    if (unknownKey !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === unknownKey,
      );
      if (pair && isScalar(pair.key)) offset = pair.key.range?.[0];
    }
    if (offset === undefined && typeof node === 'object' && 'range' in node) {
      const range = (node as { range?: [number, number, number] | null }).range;
      offset = range?.[0];
    }
    if (offset !== undefined) {
      const position = lines.linePos(offset);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}
