import { createReadStream, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES } from './web-policy.js';

/** Whether `file`, with every symlink resolved, is inside `realRoot` (a link may not lead out). */
function staysInside(realRoot: string, file: string): boolean {
  try {
    const real = realpathSync(file);
    return real === realRoot || real.startsWith(realRoot + sep);
  } catch {
    return false;
  }
}

/**
 * The built index.html loads its assets relatively (`./assets/…`, so Electron's app protocol can load
 * the same build). The headless host always serves it at `/`, and answers it for every app path: for a
 * nested one (`/x/y`) relative URLs would resolve under `/x/` and 404, leaving a blank page. So the
 * host's copy names its assets from the root.
 */
export function withRootAssetUrls(html: string): string {
  return html.replace(/\b(src|href)="\.\//g, '$1="/');
}

/** A path that names a file (an asset, a source map, a favicon), which must never be answered with the page. */
function namesAFile(decoded: string): boolean {
  return decoded.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(decoded);
}

/**
 * Serves a built single-page app from `root`: files that exist inside it (never through a symlink that
 * leads out), index.html for every other app path, and a 404 for a missing file (a script from an older
 * build must not be answered with HTML). Returns false when nothing is built.
 */
export function serveStatic(root: string, pathname: string, response: ServerResponse): boolean {
  const base = resolve(root);
  const index = join(base, 'index.html');
  if (!existsSync(index)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const file = resolve(base, `.${normalize(`/${decoded}`)}`);
  const found =
    file !== base &&
    file.startsWith(base + sep) &&
    existsSync(file) &&
    statSync(file).isFile() &&
    staysInside(realpathSync(base), file);
  if (!found && namesAFile(decoded)) {
    response.writeHead(404, {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
    });
    response.end('not found\n');
    return true;
  }
  const served = found && file !== index ? file : index;
  const type = CONTENT_TYPES[extname(served).toLowerCase()] ?? 'application/octet-stream';
  const immutable = served.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  });
  if (served === index) response.end(withRootAssetUrls(readFileSync(index, 'utf8')));
  else createReadStream(served).pipe(response);
  return true;
}
