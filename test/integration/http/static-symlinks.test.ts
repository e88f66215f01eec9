/**
 * Finding 8 of issue 15: the headless host's static server followed symlinks out of the renderer
 * folder. A link that leaves it is refused (the page's index instead); one that stays inside works.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeEmitter } from '../../../src/api/change-emitter.js';
import { createDispatcher } from '../../../src/api/dispatch.js';
import { API_SPEC } from '../../../src/api/spec/index.js';
import type { ApiHandlers } from '../../../src/api/spec/index.js';
import { silentLogger } from '../../../src/logger.js';
import { startServer } from '../../../src/server/http-server.js';
import type { RunningServer } from '../../../src/server/http-server.js';

const base = mkdtempSync(join(tmpdir(), 'cockpit-static-'));
const root = join(base, 'renderer');
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>cockpit</title><script type="module" src="./assets/real.js"></script>',
  );
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(base, join(root, 'assets', 'up'));
  writeFileSync(join(root, 'assets', 'real.js'), 'export {}');
  symlinkSync(join(root, 'assets', 'real.js'), join(root, 'assets', 'alias.js'));
  server = await startServer({
    api: createDispatcher({
      spec: API_SPEC,
      handlers: {} as ApiHandlers,
      changes: new ChangeEmitter(),
      logger: silentLogger,
    }),
    host: '127.0.0.1',
    port: 0,
    rendererDir: root,
    logger: silentLogger,
    version: 't',
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('the static server and symlinks', () => {
  it.each(['/leak.txt', '/assets/up/secret.txt'])(
    'does not follow %s out of the renderer folder',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(await response.text()).not.toContain('SECRET');
    },
  );

  it('serves a symlink that stays inside the folder', async () => {
    const response = await fetch(`${server.url}/assets/alias.js`);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toBe('export {}');
  });
});

describe('app paths and missing files', () => {
  it('answers a nested app path with the page, its assets named from the root', async () => {
    const response = await fetch(`${server.url}/x/y`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('src="/assets/real.js"');
    expect(html).not.toContain('./assets/');
  });

  it.each(['/api/x/y', '/api/nothing-here'])(
    'answers an unknown api path %s with 404 JSON, not the page',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    },
  );

  it.each(['/assets/index-0ld.js', '/favicon.ico', '/x/y/app.js.map'])(
    'answers a missing file %s with 404, not the page',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('<title>');
    },
  );
});
