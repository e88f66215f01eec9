import { parseAllDocuments } from 'yaml';
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
  const documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  let lineStarts: number[] | undefined;
  const lineOf = (offset: number) => {
    lineStarts ??= [0, ...[...text.matchAll(/\n/g)].map((match) => (match.index ?? 0) + 1)];
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line += 1;
    return line + 1;
  };
  list.forEach((document, index) => {
    const where = `${file} document ${index + 1}`;
    const error = document.errors[0];
    if (error) {
      const line = lineOf(error.pos[0]);
      const reason = error.message.split('\n')[0] ?? 'not YAML';
      into.problems.push(`${file} line ${line}: not YAML (${reason}); that document is skipped`);
      return;
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    const read = readEntity(value as object, `${where} (line ${lineOf(document.range[0])})`);
    if (read === undefined) return;
    if ('problem' in read) {
      into.problems.push(read.problem);
      return;
    }
    into.reads.push({ item: read.item, relations: specRelations(read.item, read.spec) });
  });
}
