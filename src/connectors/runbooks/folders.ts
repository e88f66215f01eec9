import { execFile } from 'node:child_process';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { glob } from 'tinyglobby';
import type { RunbookBatch, RunbookDocument, RunbookValidators } from '../../domain/index.js';
import { contentRevision, documentOf, FrontMatterError, runbookId, splitFrontMatter } from './document.js';
import { imageSources, markdownToHtml, renderMarkdown } from './render.js';

const run = promisify(execFile);

/** A folder with more markdown files than this is scanned up to it, with a sentence. */
export const MAX_FOLDER_FILES = 5000;
const MAX_IMAGE_BYTES = 1024 * 1024;
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

type GitInfo = Readonly<{ lastCommit: ReadonlyMap<string, string>; dirty: ReadonlySet<string> }>;

/**
 * The last commit that touched each file, when the folder is a git work tree (files changed since
 * are listed as dirty and get a content hash instead). Undefined when it is not one or git is absent.
 */
async function gitInfo(folder: string): Promise<GitInfo | undefined> {
  const options = { cwd: folder, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 };
  try {
    const inside = await run('git', ['rev-parse', '--is-inside-work-tree'], options);
    if (inside.stdout.trim() !== 'true') return undefined;
    const log = await run(
      'git',
      [
        'log',
        '--format=%x00%H',
        '--name-only',
        '--no-renames',
        '--relative',
        '-n',
        '20000',
        'HEAD',
        '--',
        '.',
      ],
      options,
    );
    const lastCommit = new Map<string, string>();
    let commit = '';
    for (const line of log.stdout.split('\n')) {
      if (line.startsWith('\0')) commit = line.slice(1).trim();
      else if (line.trim() && commit && !lastCommit.has(line.trim())) lastCommit.set(line.trim(), commit);
    }
    const changed = await run('git', ['ls-files', '-m', '-o', '--exclude-standard', '-z'], options);
    return { lastCommit, dirty: new Set(changed.stdout.split('\0').filter(Boolean)) };
  } catch {
    return undefined;
  }
}

/** Images a folder runbook names by relative path, read from inside the folder only, as data: URIs. */
async function folderImages(folder: string, file: string, html: string): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  const root = await realpath(folder);
  for (const src of imageSources(html).slice(0, 20)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/')) continue;
    const type = IMAGE_TYPES[extname(src).toLowerCase()];
    if (!type) continue;
    try {
      const path = await realpath(join(file, '..', decodeURI(src)));
      if (!path.startsWith(root + sep)) continue;
      const info = await stat(path);
      if (!info.isFile() || info.size > MAX_IMAGE_BYTES) continue;
      images.set(src, `data:${type};base64,${(await readFile(path)).toString('base64')}`);
    } catch {
      // A missing image stays its alt text.
    }
  }
  return images;
}

export type FolderScan = Pick<RunbookBatch, 'documents' | 'confirmed' | 'failed'> &
  Readonly<{ ids: string[]; complete: boolean }>;

/** Scans one folder of markdown runbooks: new or changed ones as documents, the rest confirmed. */
export async function scanFolder(
  folder: string,
  nowIso: string,
  maxBytes: number,
  validators: (id: string) => RunbookValidators | undefined,
): Promise<FolderScan> {
  const folderId = runbookId('folder', folder);
  const fail = (problem: string): FolderScan => ({
    documents: [],
    confirmed: [],
    failed: [{ id: folderId, source: 'folder', location: folder, problem }],
    ids: [],
    complete: false,
  });
  try {
    const info = await stat(folder);
    if (!info.isDirectory())
      return fail(`runbook folder ${folder} is not a folder; fix runbooks.folders in cockpit.yaml`);
  } catch {
    return fail(`runbook folder ${folder} does not exist; fix runbooks.folders in cockpit.yaml or create it`);
  }
  const files = await glob(['**/*.md', '**/*.markdown'], {
    cwd: folder,
    ignore: ['**/node_modules/**', '**/.git/**'],
    followSymbolicLinks: false,
    absolute: false,
  });
  files.sort();
  const git = await gitInfo(folder);
  const documents: RunbookDocument[] = [];
  const confirmed: { id: string; fetchedAt: string }[] = [];
  const failed: FolderScan['failed'][number][] = [];
  const ids: string[] = [];
  for (const name of files.slice(0, MAX_FOLDER_FILES)) {
    const path = join(folder, name);
    const id = runbookId('folder', path);
    ids.push(id);
    try {
      const info = await stat(path);
      if (info.size > maxBytes) {
        failed.push({
          id,
          source: 'folder',
          location: path,
          problem: `runbook ${path} is ${Math.round(info.size / 1024)} KB, over the ${Math.round(maxBytes / 1024)} KB limit (runbooks.maxPageSize)`,
        });
        continue;
      }
      const bytes = await readFile(path);
      let source: string;
      try {
        source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        failed.push({
          id,
          source: 'folder',
          location: path,
          problem: `runbook ${path} is not valid UTF-8; save it as UTF-8`,
        });
        continue;
      }
      const relativeName = relative(folder, path).split(sep).join('/');
      const commit = git && !git.dirty.has(relativeName) ? git.lastCommit.get(relativeName) : undefined;
      const revision = commit ?? contentRevision(source);
      const known = validators(id);
      if (known && known.revision === revision) {
        confirmed.push({ id, fetchedAt: nowIso });
        continue;
      }
      const { front, body } = splitFrontMatter(source);
      const images = await folderImages(folder, path, markdownToHtml(body));
      documents.push(
        documentOf({
          source: 'folder',
          location: path,
          format: 'markdown',
          body,
          front,
          rendered: renderMarkdown(body, { images }),
          fallbackTitle: name.replace(/\.(md|markdown)$/, ''),
          revision,
          fetchedAt: nowIso,
          updatedAt: new Date(info.mtimeMs).toISOString(),
        }),
      );
    } catch (error) {
      const why =
        error instanceof FrontMatterError
          ? error.message
          : `could not be read (${error instanceof Error ? error.message : String(error)})`;
      failed.push({ id, source: 'folder', location: path, problem: `runbook ${path}: ${why}` });
    }
  }
  if (files.length > MAX_FOLDER_FILES) {
    failed.push({
      id: folderId,
      source: 'folder',
      location: folder,
      problem: `runbook folder ${folder} has ${files.length} markdown files; the first ${MAX_FOLDER_FILES} are kept. Point runbooks.folders at the runbooks themselves`,
    });
    return { documents, confirmed, failed, ids, complete: false };
  }
  return { documents, confirmed, failed, ids: [...ids], complete: true };
}
