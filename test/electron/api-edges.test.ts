/**
 * Every declared method is reachable over HTTP and IPC by construction (routes and channels loop over
 * the method table), and each edge refuses an invalid input with `invalid-input` before any handler
 * runs: the input is parsed once, by the dispatcher.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { ChangeEmitter } from '../../src/api/change-emitter.js';
import { createDispatcher } from '../../src/api/dispatch.js';
import { METHODS, channelFor, methodNames, pathParams } from '../../src/api/methods.js';
import { API_SPEC } from '../../src/api/spec/index.js';
import type { ApiHandlers } from '../../src/api/spec/index.js';
import { silentLogger } from '../../src/logger.js';
import { startServer } from '../../src/server/http-server.js';
import type { RunningServer } from '../../src/server/http-server.js';
import { FakeBrowserWindow } from './fake-electron.js';
import type { FakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());
const electron = (await import('electron')) as unknown as FakeElectron;
const { registerIpcHandlers } = await import('../../electron/ipc.js');

const NAMES = methodNames(METHODS);
const called: string[] = [];
// Handlers that record a call: none may run for an invalid input.
const handlers = Object.fromEntries(
  NAMES.map((name) => [
    name,
    () => {
      called.push(name);
      return Promise.resolve({});
    },
  ]),
) as unknown as ApiHandlers;
const dispatcher = createDispatcher({
  spec: API_SPEC,
  handlers,
  changes: new ChangeEmitter(),
  logger: silentLogger,
});
const INVALID = { notAField: 1 };

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    api: dispatcher,
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    version: 't',
  });
});
afterAll(() => server.close());

describe('the method table', () => {
  it('declares at least the cockpit methods, each with a spec and an /api/ route', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['listAlerts', 'getAlert', 'silenceAlert', 'getBoard']));
    expect(Object.keys(API_SPEC).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(METHODS[name].path).toMatch(/^\/api\//);
  });
});

describe.each(NAMES)('%s', (name) => {
  const decl = METHODS[name];

  it('answers invalid input over HTTP with 400 invalid-input', async () => {
    let path = decl.path;
    for (const param of pathParams(decl.path)) path = path.replace(`:${param}`, 'am%3Ax') as typeof path;
    const url = new URL(path, server.url);
    let response: Response;
    if (decl.verb === 'GET') {
      url.searchParams.set('notAField', '1');
      response = await fetch(url);
    } else {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify(INVALID),
      });
    }
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(called).not.toContain(name);
  });

  it('answers invalid input over IPC with invalid-input', async () => {
    electron.ipcMain.handlers.clear();
    const window = new FakeBrowserWindow({ width: 800, height: 600 });
    const registration = registerIpcHandlers({
      api: dispatcher,
      getWindow: () => window as unknown as BrowserWindow,
      logger: silentLogger,
    });
    const handler = electron.ipcMain.handlers.get(channelFor(name));
    expect(handler, `no IPC channel for ${name}`).toBeDefined();
    const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    for (const input of [INVALID, 'a string', 42]) {
      expect(await handler!(trusted, input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(called).not.toContain(name);
    registration.dispose();
  });
});
