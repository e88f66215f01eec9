import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  resolveAppFile,
} from '../../electron/app-protocol.js';

const base = mkdtempSync(join(tmpdir(), 'cockpit-protocol-'));
const root = join(base, 'out', 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>cockpit</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(base, 'out', 'secret.txt'), 'SECRET');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler(root);
const get = (url: string) => handler(new Request(url));

describe('the app:// protocol', () => {
  it('serves the renderer’s files with their type, the CSP and nosniff', async () => {
    const page = await get('app://cockpit/index.html?view=alerts&alert=am%3A1');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>cockpit</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const script = await get('app://cockpit/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://cockpit/')).status).toBe(200);
  });

  it('has a CSP that allows only the app’s own scripts and forbids framing, plugins and forms', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://cockpit/..%2fsecret.txt',
      'app://cockpit/%2e%2e/secret.txt',
      'app://cockpit/assets/..%2f..%2fsecret.txt',
      'app://cockpit/..%5csecret.txt',
      'app://cockpit/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('SECRET');
    }
  });

  it('resolves only the app host and well-formed paths', () => {
    expect(resolveAppFile(root, 'app://cockpit/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://cockpit/..%2fsecret.txt')).toBeUndefined();
    expect(resolveAppFile(root, 'app://evil/index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeUndefined();
    expect(resolveAppFile(root, 'app://cockpit/index.html%00.js')).toBeUndefined();
    expect(resolveAppFile(root, 'app://cockpit/%E0%A4%A')).toBeUndefined();
  });

  it('answers 404 for a missing file and 405 for a write', async () => {
    expect((await get('app://cockpit/nope.js')).status).toBe(404);
    expect(
      (await handler(new Request('app://cockpit/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });
});

describe('the app:// protocol and symlinks (issue 15, finding 8)', () => {
  it('refuses a symlink that leaves the renderer folder, and serves one that stays inside', async () => {
    symlinkSync(join(base, 'out', 'secret.txt'), join(root, 'leak.txt'));
    symlinkSync(join(base, 'out'), join(root, 'assets', 'up'));
    symlinkSync(join(root, 'index.html'), join(root, 'alias.html'));
    for (const url of ['app://cockpit/leak.txt', 'app://cockpit/assets/up/secret.txt']) {
      const response = await get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(await response.text()).not.toContain('SECRET');
    }
    expect((await get('app://cockpit/alias.html')).status).toBe(200);
  });
});
