import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES } from '../src/server/web-policy.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export { CONTENT_SECURITY_POLICY };

/** Must run before `app` is ready: a standard, secure scheme gets an origin, ES modules and storage. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/**
 * The file under `rootDir` that an `app://cockpit/…` URL names, or undefined for another host, a
 * malformed escape, or any path that leaves `rootDir` (`..`, encoded `%2e%2e%2f`, `%5c`, NUL).
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | undefined {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || pathname.includes('\0')) return undefined;
  const root = resolve(rootDir);
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^[/\\]+/, '');
  const file = resolve(join(root, relativePath));
  const inside = relative(root, file);
  if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return file;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    },
  });
}

/** The `protocol.handle` handler: static files from `rootDir` with the CSP and no sniffing. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return textResponse(404, 'not found');
    let body: Buffer;
    try {
      // A symlink inside the folder may not lead out of it.
      const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(file)]);
      if (!realFile.startsWith(realRoot + sep)) return textResponse(404, 'not found');
      body = await readFile(realFile);
    } catch {
      return textResponse(404, 'not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  };
}
