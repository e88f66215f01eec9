import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { PollProducts } from '../../domain/index.js';
import { buildGraph } from '../catalog/entity.js';
import { readDescriptors } from '../catalog/descriptors.js';
import type { DescriptorReads } from '../catalog/descriptors.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext } from '../types.js';
import { catalogFilesConfigSchema } from './config.js';
import type { CatalogFilesSourceConfig } from './config.js';

/** The descriptor files of the source: a glob's matches, or every .yaml/.yml under a folder. */
async function descriptorFiles(ctx: ConnectorContext<CatalogFilesSourceConfig>): Promise<string[]> {
  const { path, id } = ctx.source;
  if (isDynamicPattern(path)) {
    return (await glob(path, { absolute: true, onlyFiles: true })).sort();
  }
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(
      `source "${id}": cannot read ${path} (${code === 'ENOENT' ? 'no such file or folder' : (code ?? 'unreadable')}); fix path: in the config`,
    );
  }
  if (info.isFile()) return [path];
  return (await glob('**/*.{yaml,yml}', { cwd: path, absolute: true, onlyFiles: true })).sort();
}

/** Reads every descriptor file into the source's graph; a broken file or entity is a problem, not a failure. */
async function poll(ctx: ConnectorContext<CatalogFilesSourceConfig>): Promise<PollProducts> {
  const { source } = ctx;
  const files = await descriptorFiles(ctx);
  if (files.length === 0) {
    throw new SourceError(
      `source "${source.id}": no descriptor files (.yaml, .yml) at ${source.path}; fix path: in the config`,
    );
  }
  const found: DescriptorReads = { reads: [], problems: [] };
  let bytes = 0;
  const base = isDynamicPattern(source.path) ? process.cwd() : source.path;
  for (const file of files) {
    const shown = isAbsolute(file) ? relative(base, file) || file : file;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      found.problems.push(
        `${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      );
      continue;
    }
    bytes += Buffer.byteLength(text);
    if (bytes > source.maxBytes) {
      throw new SourceError(
        `source "${source.id}": the descriptor files at ${source.path} are over the ${Math.round(source.maxBytes / 1024 / 1024)} MB limit; raise maxResponseSize: if the catalog is really that large`,
      );
    }
    readDescriptors(text, shown, found);
  }
  const takenAt = new Date(ctx.clock.now()).toISOString();
  return { topology: buildGraph(source.id, takenAt, found.reads, found.problems) };
}

/** A folder (or glob) of Backstage descriptor files: a topology without a Backstage server. */
export const catalogFilesConnector: Connector<CatalogFilesSourceConfig, Record<string, never>> = {
  kind: 'catalog-files',
  configSchema: catalogFilesConfigSchema,
  produces: ['topology'],
  createState: () => ({}),
  poll,
  actions: {},
};
