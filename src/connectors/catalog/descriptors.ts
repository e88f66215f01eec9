import { parseDocument } from 'yaml';
import type { Relation } from '../../domain/index.js';
import type { ConfigItem } from '../../domain/index.js';
import { readEntity, specRelations } from './entity.js';

export type DescriptorReads = {
  reads: { item: ConfigItem; relations: Relation[] }[];
  problems: string[];
};

/**
 * Reads one descriptor file (several YAML documents): each entity becomes an item with the relations
 * its spec implies. A document that is not YAML, or an entity without a name, is one problem naming
 * the file and line; the file's other documents still count.
 */
export function readDescriptors(text: string, file: string, into: DescriptorReads): void {
  // One document at a time (split at the `---` markers, which end any block scalar at column 0):
  // several times faster than parseAllDocuments on a file of 20 000 entities, and a broken document
  // cannot swallow the ones after it.
  const markers = [...text.matchAll(/^---(?:[ \t]|$)/gm)].map((match) => match.index ?? 0);
  const starts = markers[0] === 0 ? markers : [0, ...markers];
  const chunks = starts
    .map((start, index) => ({ start, text: text.slice(start, starts[index + 1] ?? text.length) }))
    .filter((chunk) => chunk.text.replace(/^---/, '').trim() !== '');
  let lineStarts: number[] | undefined;
  const lineOf = (offset: number) => {
    lineStarts ??= [0, ...[...text.matchAll(/\n/g)].map((match) => (match.index ?? 0) + 1)];
    // Binary search: a file of 20 000 documents asks this once per document.
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? Infinity) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  chunks.forEach((chunk, index) => {
    const where = `${file} document ${index + 1}`;
    const document = parseDocument(chunk.text, { prettyErrors: false, uniqueKeys: false });
    const error = document.errors[0];
    if (error) {
      const line = lineOf(chunk.start + error.pos[0]);
      const reason = error.message.split('\n')[0] ?? 'not YAML';
      into.problems.push(`${file} line ${line}: not YAML (${reason}); that document is skipped`);
      return;
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    const read = readEntity(value, `${where} (line ${lineOf(chunk.start)})`);
    if (read === undefined) return;
    if ('problem' in read) {
      into.problems.push(read.problem);
      return;
    }
    into.reads.push({ item: read.item, relations: specRelations(read.item, read.spec) });
  });
}
