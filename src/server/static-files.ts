import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
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

/** Serves a built single-page app from `root`; unknown paths get index.html. Never leaves `root`. */
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
  let file = resolve(base, `.${normalize(`/${decoded}`)}`);
  if (file !== base && !file.startsWith(base + sep)) file = index;
  if (!existsSync(file) || !statSync(file).isFile() || !staysInside(realpathSync(base), file)) file = index;
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const immutable = file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  });
  createReadStream(file).pipe(response);
  return true;
}
