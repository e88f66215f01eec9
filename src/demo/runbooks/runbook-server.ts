import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../domain/index.js';
import { runbookPage } from './runbook-pages.js';

export type DemoRunbookServer = Readonly<{ url: string; close(): Promise<void> }>;

/** Serves the demo wiki's runbook pages on a loopback port, with ETags (a matching If-None-Match is a 304). */
export async function startDemoRunbookServer(clock: Pick<Clock, 'now'>): Promise<DemoRunbookServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const page = req.method === 'GET' ? runbookPage(decodeURIComponent(path), clock.now()) : undefined;
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no such runbook\n');
      return;
    }
    if (req.headers['if-none-match'] === page.etag) {
      res.writeHead(304, { etag: page.etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': page.contentType, etag: page.etag }).end(page.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
