import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { runbooksSourceFor } from '../../../src/connectors/runbooks/config.js';
import type { RunbooksSourceConfig } from '../../../src/connectors/runbooks/config.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { requireBinary } from '../../support/binaries.js';
import { waitFor } from '../../support/processes.js';
import { PROMETHEUS_BINARY, startPrometheus } from '../../support/prometheus.js';
import { useTempDataDir } from '../cache/temp-cache.js';
import { settings, vault } from './support.js';

const { available } = requireBinary(PROMETHEUS_BINARY, 'prometheus');

const MARKDOWN = `---
title: 消息积压 / Consumer lag on orders
services: [orders]
---

# Consumer lag on orders

Scale the consumers first.
`;

/** Rules that never fire: only the rule list names their runbooks. */
function rules(wiki: string): string {
  return `groups:
  - name: cockpit-runbooks
    interval: 1s
    rules:
      - alert: OrdersConsumerLag
        expr: vector(1) < 0
        labels: { severity: critical, service: orders }
        annotations:
          summary: orders consumers lag
          runbook_url: ${wiki}/sop/orders-lag
      - alert: SchemeRunbook
        expr: vector(1) < 0
        annotations:
          runbook_url: javascript:alert(1)
      - record: job:up:sum
        expr: sum(vector(1))
`;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.runIf(available)('runbook_url prefetch from the rules a real Prometheus reports', () => {
  const data = useTempDataDir();
  let prometheus: { url: string; dispose(): Promise<void> };
  let wiki: Server;
  let wikiBase = '';
  const wikiAuthorization: (string | undefined)[] = [];
  const wikiPaths: string[] = [];

  beforeAll(async () => {
    wiki = createServer((req, res) => {
      wikiPaths.push(req.url ?? '');
      wikiAuthorization.push(req.headers.authorization);
      if (req.url === '/sop/orders-lag')
        res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', etag: '"r1"' }).end(MARKDOWN);
      else res.writeHead(404).end();
    });
    wikiBase = await listen(wiki);
    prometheus = await startPrometheus(rules(wikiBase));
  });
  afterAll(async () => {
    wiki?.closeAllConnections();
    await new Promise<void>((resolve) => (wiki ? wiki.close(() => resolve()) : resolve()));
    await prometheus?.dispose();
  });

  /** The runbooks source as the core makes it, from a config with this Prometheus source. */
  function sourceFor(prometheusUrl: string): RunbooksSourceConfig {
    const config = parseConfig(
      `sources:\n  - id: prom\n    kind: prometheus\n    url: ${prometheusUrl}\n    auth: { bearer: prom-secret }\nrunbooks:\n  folders: []\n`,
      'test.yaml',
      {},
    );
    const source = runbooksSourceFor(config, config.sources);
    if (!source) throw new Error('test: the config has runbooks:');
    return source;
  }

  it('caches the runbook of a rule that has never fired, without the source’s credentials', async () => {
    const ruleSources = sourceFor(prometheus.url).ruleSources;
    expect(ruleSources.map((source) => source.sourceId)).toEqual(['prom']);
    const { cache } = data.open();
    const runbooks = vault(cache, settings(), () => [], ruleSources);
    // Prometheus loads its rule file shortly after it reports ready.
    const found = await waitFor(async () => {
      await runbooks.poll();
      const list = await runbooks.api.listRunbooks({ q: '积压', limit: 50, offset: 0 });
      return list.total > 0 ? list.items : undefined;
    }, 'the rule’s runbook to be in the vault');
    expect(found.map((item) => [item.title, item.location])).toEqual([
      ['消息积压 / Consumer lag on orders', `${wikiBase}/sop/orders-lag`],
    ]);
    // Only the http(s) runbook was asked for; the bearer of the Prometheus source stayed there.
    expect(new Set(wikiPaths)).toEqual(new Set(['/sop/orders-lag']));
    expect(wikiAuthorization.every((value) => value === undefined)).toBe(true);
    const opened = await runbooks.api.getRunbook({ id: found[0]!.id });
    expect(opened.html).toContain('Scale the consumers first.');
  });

  it('asks the rules with the source’s credentials; when they cannot be read the alerts’ runbooks are still fetched, and the log says why', async () => {
    const asked: (string | undefined)[] = [];
    const gone = createServer((req, res) => {
      asked.push(req.headers.authorization);
      res.writeHead(503).end();
    });
    const goneBase = await listen(gone);
    try {
      const { cache } = data.open();
      const logger = createMemoryLogger();
      const runbooks = vault(
        cache,
        settings(),
        () => [`${wikiBase}/sop/orders-lag`],
        sourceFor(goneBase).ruleSources,
        logger,
      );
      await runbooks.poll();
      // The rule list is asked with the Prometheus source's own credentials.
      expect(asked).toEqual(['Bearer prom-secret']);
      expect((await runbooks.api.listRunbooks({ q: 'consumer', limit: 50, offset: 0 })).total).toBe(1);
      expect(logger.entries.map((entry) => [entry.level, entry.message])).toEqual([
        [
          'warn',
          `source "prom": its rules' runbook_urls could not be read (GET ${goneBase}/api/v1/rules?type=alert answered HTTP 503); the runbooks of its firing alerts are still fetched`,
        ],
      ]);
    } finally {
      gone.closeAllConnections();
      await new Promise<void>((resolve) => gone.close(() => resolve()));
    }
  });
});
