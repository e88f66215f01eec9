/**
 * The seam works: a domain defined only in this test — its connector, its store, its method table
 * and spec, its handler — plugs into the generic dispatcher, the HTTP router and the renderer's HTTP
 * transport without a line of change in any of them.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChangeEmitter } from '../../../src/api/change-emitter.js';
import { ApiCallError, createClient } from '../../../src/api/client.js';
import { createDispatcher } from '../../../src/api/dispatch.js';
import { METHODS } from '../../../src/api/methods.js';
import type { MethodTable } from '../../../src/api/methods.js';
import { API_SPEC, returns } from '../../../src/api/spec/index.js';
import type { HandlersOf, SpecFor } from '../../../src/api/spec/index.js';
import { silentLogger } from '../../../src/logger.js';
import { startServer } from '../../../src/server/http-server.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { createHttpTransport } from '../../../renderer/bridge/http-transport';

type Widget = Readonly<{ id: string; color: 'red' | 'blue' }>;

// The domain's method table (zod-free half) and spec (schema half).
const WIDGET_METHODS = {
  listWidgets: { kind: 'query', verb: 'GET', path: '/api/widgets', topics: ['widgets'] },
} as const satisfies MethodTable;
const WIDGET_SPEC = {
  listWidgets: {
    input: z.strictObject({ color: z.enum(['red', 'blue']).optional() }),
    output: returns<Readonly<{ widgets: readonly Widget[] }>>(),
  },
} as const satisfies SpecFor<typeof WIDGET_METHODS>;

// Its store: a table of its own, written in one transaction per poll.
function createWidgetStore(db: Database.Database) {
  db.exec('CREATE TABLE widgets (id TEXT PRIMARY KEY, color TEXT NOT NULL)');
  const insert = db.prepare<[string, string]>('INSERT INTO widgets (id, color) VALUES (?, ?)');
  const apply = db.transaction((widgets: readonly Widget[]) => {
    db.exec('DELETE FROM widgets');
    for (const widget of widgets) insert.run(widget.id, widget.color);
  });
  const list = db.prepare<[string | null, string | null], Widget>(
    'SELECT id, color FROM widgets WHERE ? IS NULL OR color = ? ORDER BY id',
  );
  return { apply, list: (color?: string) => list.all(color ?? null, color ?? null) };
}

// Its connector: a poll that produces the domain's product.
const widgetConnector = {
  kind: 'widget-feed',
  produces: ['widgets'] as const,
  poll: async (): Promise<Readonly<{ widgets: readonly Widget[] }>> => ({
    widgets: [
      { id: 'w-1', color: 'red' },
      { id: 'w-2', color: 'blue' },
      { id: 'w-3', color: 'red' },
    ],
  }),
};

const db = new Database(':memory:');
const store = createWidgetStore(db);
const handlers: HandlersOf<typeof WIDGET_SPEC> = {
  listWidgets: async ({ color }) => ({ widgets: store.list(color) }),
};
// The cockpit's own methods are not called here: any call to them fails the test.
const cockpitHandlers = Object.fromEntries(
  Object.keys(API_SPEC).map((name) => [name, () => Promise.reject(new Error(`unexpected ${name}`))]),
) as unknown as HandlersOf<typeof API_SPEC>;

let server: RunningServer;
beforeAll(async () => {
  store.apply((await widgetConnector.poll()).widgets);
  const dispatcher = createDispatcher({
    spec: { ...API_SPEC, ...WIDGET_SPEC },
    handlers: { ...cockpitHandlers, ...handlers },
    changes: new ChangeEmitter(),
    logger: silentLogger,
  });
  server = await startServer({
    api: dispatcher,
    methods: { ...METHODS, ...WIDGET_METHODS },
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    version: 'test',
  });
});
afterAll(async () => {
  await server.close();
  db.close();
});

describe('a domain defined only in a test', () => {
  it('reaches the renderer through the generic router and HTTP transport', async () => {
    const transport = createHttpTransport(`${server.url}/`, { methods: WIDGET_METHODS });
    const widgets = createClient<typeof WIDGET_METHODS, typeof WIDGET_SPEC>(
      WIDGET_METHODS,
      transport.call,
      transport.api,
    );
    await expect(widgets.listWidgets()).resolves.toEqual({
      widgets: [
        { id: 'w-1', color: 'red' },
        { id: 'w-2', color: 'blue' },
        { id: 'w-3', color: 'red' },
      ],
    });
    await expect(widgets.listWidgets({ color: 'red' })).resolves.toEqual({
      widgets: [
        { id: 'w-1', color: 'red' },
        { id: 'w-3', color: 'red' },
      ],
    });
    // Its input is parsed by the same edge as every cockpit method.
    await expect(widgets.listWidgets({ color: 'green' as 'red' })).rejects.toBeInstanceOf(ApiCallError);
    transport.dispose();
  });
});
