import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDataDir } from '../cache/temp-cache.js';
import { settings, vault } from './support.js';

const MARKDOWN = `---
title: Disk full on db hosts
services: [mysql-order]
owner: dba
last_drill: 2025-10-01
---

# Disk full on db hosts

## Steps

1. Rotate logs (5 min)
   - Check: usage under 80%
`;

const GBK_PAGE = Buffer.concat([
  Buffer.from('<html><head><meta charset="gbk"><title>'),
  Buffer.from([0xb4, 0xc5, 0xc5, 0xcc]), // 磁盘 in GBK
  Buffer.from('</title></head><body><main><p>'),
  Buffer.from([0xb4, 0xc5, 0xc5, 0xcc]),
  Buffer.from(' full</p></main></body></html>'),
]);

type Seen = { requests: Record<string, number>; notModified: number; authorization: (string | undefined)[] };

function routes(seen: Seen, otherOrigin: () => string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    seen.requests[path] = (seen.requests[path] ?? 0) + 1;
    seen.authorization.push(req.headers.authorization);
    switch (path) {
      case '/md':
        if (req.headers['if-none-match'] === '"v1"') {
          seen.notModified += 1;
          res.writeHead(304, { etag: '"v1"' }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', etag: '"v1"' }).end(MARKDOWN);
        return;
      case '/wiki':
        res
          .writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'last-modified': 'Tue, 01 Dec 2026 08:00:00 GMT',
          })
          .end(
            '<html><head><title>Rollback payments</title></head><body><nav>Wiki home</nav><main><h1>Rollback payments</h1><p onclick="x()">Roll back <a href="javascript:alert(1)">now</a>.</p><script>alert(1)</script><img src="/pixel.png" alt="panel"></main><footer>edit</footer></body></html>',
          );
        return;
      case '/pixel.png':
        res
          .writeHead(200, { 'content-type': 'image/png' })
          .end(
            Buffer.from(
              'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
              'base64',
            ),
          );
        return;
      case '/gbk':
        res.writeHead(200, { 'content-type': 'text/html' }).end(GBK_PAGE);
        return;
      case '/bad-utf8':
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0xfe, 0xc3]));
        return;
      case '/binary':
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(1000, 1));
        return;
      case '/huge': {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        const write = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', write);
        };
        write();
        return;
      }
      case '/endless':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body>');
        return; // never ends
      case '/elsewhere':
        res.writeHead(302, { location: `${otherOrigin()}/md` }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  };
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('runbook_url prefetch through the HTTP client', () => {
  const data = useTempDataDir();
  let wiki: Server;
  let other: Server;
  let base = '';
  let otherBase = '';
  const seen: Seen = { requests: {}, notModified: 0, authorization: [] };

  beforeEach(async () => {
    seen.requests = {};
    seen.notModified = 0;
    seen.authorization = [];
    other = createServer(routes(seen, () => otherBase));
    otherBase = (await listen(other)).replace('127.0.0.1', 'localhost');
    wiki = createServer(routes(seen, () => otherBase));
    base = await listen(wiki);
  });
  afterEach(async () => {
    await close(wiki);
    await close(other);
  });

  it('keeps pages offline: 304s are honoured, and after the server is gone the runbook opens, marked cached', async () => {
    const { cache } = data.open();
    const runbooks = vault(cache, settings({ refreshMs: 60_000 }), () => [`${base}/md`, `${base}/wiki`]);
    await runbooks.poll();
    const list = await runbooks.api.listRunbooks({ q: 'disk', limit: 50, offset: 0 });
    expect(list.items.map((item) => item.title)).toEqual(['Disk full on db hosts']);
    expect(list.items[0]!.stale).toBe(true); // drilled more than 90 days ago
    const id = list.items[0]!.id;
    expect((await runbooks.api.getRunbook({ id })).revision).toBe('"v1"');

    runbooks.advance(10 * 60_000);
    await runbooks.poll();
    expect(seen.notModified).toBe(1);
    expect(seen.requests['/md']).toBe(2);

    // Reduced to its readable part, sanitized, the image cached with it.
    const wikiId = (await runbooks.api.listRunbooks({ q: 'rollback', limit: 5, offset: 0 })).items[0]!.id;
    const page = await runbooks.api.getRunbook({ id: wikiId });
    expect(page.html).not.toMatch(/script|onclick|javascript:|Wiki home|edit</);
    expect(page.html).toMatch(/<img src="data:image\/png;base64,/);

    await close(wiki);
    runbooks.advance(10 * 60_000);
    await runbooks.poll();
    const offline = await runbooks.api.getRunbook({ id });
    expect(offline.contentStatus).toBe('cached');
    expect(offline.problem).toMatch(new RegExp(`runbook ${base}/md: `));
    expect(offline.html).toContain('Rotate logs');
    expect(offline.steps).toEqual([{ title: 'Rotate logs', durationMinutes: 5, check: 'usage under 80%' }]);
  });

  it('reads a GBK page; bad pages each get a sentence on that runbook', async () => {
    const { cache } = data.open();
    const paths = ['/gbk', '/bad-utf8', '/binary', '/huge', '/endless', '/elsewhere', '/missing'];
    const runbooks = vault(
      cache,
      settings({ auth: [{ host: '127.0.0.1', auth: { type: 'bearer', token: 'wiki-secret-token' } }] }),
      () => paths.map((path) => `${base}${path}`),
    );
    await runbooks.poll();
    const all = (await runbooks.api.listRunbooks({ limit: 50, offset: 0 })).items;
    const problem = async (path: string) =>
      (await runbooks.api.getRunbook({ id: all.find((item) => item.location === `${base}${path}`)!.id }))
        .problem;
    expect((await runbooks.api.listRunbooks({ q: '磁盘', limit: 5, offset: 0 })).items[0]?.location).toBe(
      `${base}/gbk`,
    );
    expect(await problem('/bad-utf8')).toMatch(/is not valid UTF-8 text/);
    expect(await problem('/binary')).toMatch(/is application\/octet-stream, not a web page or markdown/);
    expect(await problem('/huge')).toMatch(/larger than|too large|limit/i);
    expect(await problem('/endless')).toMatch(/timed out|deadline|did not finish/i);
    expect(await problem('/elsewhere')).toMatch(/credentials are never sent to another host/);
    expect(await problem('/missing')).toMatch(/HTTP 404/);
    // The credentials went only to the configured host, never to the other origin.
    expect(seen.requests['/md'] ?? 0).toBe(0);
    expect(seen.authorization.filter(Boolean).every((value) => value === 'Bearer wiki-secret-token')).toBe(
      true,
    );
  }, 40_000);
});
