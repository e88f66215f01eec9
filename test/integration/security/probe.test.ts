/**
 * The probe's findings (issue 15) against the headless host over a real Alertmanager and the core in
 * its worker: each case here answered 500, leaked or was let through before the fix.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/server/http-server.js';
import { ALERTMANAGER_BINARY } from '../../support/alertmanager.js';
import { requireBinary } from '../../support/binaries.js';
import { firstAlertId, postJson, raw, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');

describe.runIf(available)('the headless host refuses what the probe sent', () => {
  let harness: Harness;
  let server: RunningServer;
  let alertId: string;

  beforeAll(async () => {
    harness = await startHarness();
    server = await harness.serve();
    alertId = await firstAlertId(harness.core);
  });
  afterAll(() => harness?.dispose());

  describe('finding 1: DNS rebinding and cross-site requests', () => {
    it.each(['127.evil.example', '127.0.0.1.nip.io', 'evil.example', 'localhost.evil.example', '127.1'])(
      'refuses Host: %s',
      async (host) => {
        const port = new URL(server.url).port;
        const response = await raw(server.url, { path: '/api/alerts', headers: { host: `${host}:${port}` } });
        expect(response.status).toBe(403);
        expect(response.body).not.toContain('CheckoutDown');
      },
    );

    it.each(['127.0.0.1', '127.3.4.5', 'localhost', '[::1]'])('answers Host: %s', async (host) => {
      const port = new URL(server.url).port;
      const response = await raw(server.url, { path: '/api/alerts', headers: { host: `${host}:${port}` } });
      expect(response.status).toBe(200);
      expect(response.body).toContain('CheckoutDown');
    });

    it('answers a configured host name', async () => {
      const named = await harness.serve({ hostNames: ['cockpit.office.example'] });
      const port = new URL(named.url).port;
      const response = await raw(named.url, {
        path: '/api/alerts',
        headers: { host: `cockpit.office.example:${port}` },
      });
      expect(response.status).toBe(200);
      server = await harness.serve();
    });

    it('refuses a silence without Origin, from another origin, or marked cross-site', async () => {
      const path = `/api/alerts/${encodeURIComponent(alertId)}/silence`;
      const body = JSON.stringify({ durationMinutes: 5, comment: 'probe' });
      const json = { 'content-type': 'application/json' };
      const cases: Record<string, string>[] = [
        json,
        { ...json, origin: 'http://evil.example' },
        { ...json, origin: 'null' },
        { ...json, origin: server.url.replace('127.0.0.1', 'localhost') },
        { ...json, origin: server.url, 'sec-fetch-site': 'cross-site' },
        { ...json, origin: server.url, 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of cases) {
        const response = await raw(server.url, { method: 'POST', path, headers, body });
        expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
      }
      expect(await harness.am.getSilences()).toEqual([]);
    });

    it('refuses a cross-site read even with a loopback Host', async () => {
      const response = await raw(server.url, {
        path: '/api/alerts',
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(response.status).toBe(403);
    });

    it('sends no CORS headers, not even to a preflight', async () => {
      const preflight = await raw(server.url, {
        method: 'OPTIONS',
        path: '/api/alerts',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBeGreaterThanOrEqual(400);
      const read = await raw(server.url, { path: '/api/alerts', headers: { origin: 'http://evil.example' } });
      for (const response of [preflight, read]) {
        expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual(
          [],
        );
      }
    });

    it('accepts a same-origin silence', async () => {
      const response = await postJson(server.url, `/api/alerts/${encodeURIComponent(alertId)}/silence`, {
        durationMinutes: 5,
        comment: 'same origin',
      });
      expect(response.status).toBe(200);
      expect((await harness.am.getSilences()).map((silence) => silence.comment)).toEqual(['same origin']);
    });
  });

  describe('finding 3: malformed percent escapes', () => {
    it.each(['/api/alerts/%', '/api/alerts/%FF%FE', '/api/alerts/%E0%A4%A', '/api/alerts/%/silence'])(
      '%s answers 400',
      async (path) => {
        const response = await raw(server.url, {
          method: path.endsWith('silence') ? 'POST' : 'GET',
          path,
          headers: { origin: server.url, 'content-type': 'application/json' },
          body: path.endsWith('silence') ? '{}' : undefined,
        });
        expect(response.status).toBe(400);
        expect(response.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      },
    );
  });

  describe('finding 4: deeply nested JSON', () => {
    it('answers 400 and leaves no call pending in the worker proxy', async () => {
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const response = await raw(server.url, {
        method: 'POST',
        path: `/api/alerts/${encodeURIComponent(alertId)}/silence`,
        headers: { origin: server.url, 'content-type': 'application/json' },
        body: `{"durationMinutes":5,"comment":"x","createdBy":${deep}}`,
      });
      expect(response.status).toBe(400);
      expect(harness.core.pendingCalls()).toBe(0);
    });

    it('the worker proxy answers an input it cannot send with an envelope, and forgets the call', async () => {
      let deep: unknown = {};
      for (let depth = 0; depth < 100_000; depth += 1) deep = { deep };
      const results = await Promise.all([
        harness.core.api.dispatch('listAlerts', deep),
        harness.core.api.dispatch('listAlerts', { q: () => 'a function' }),
      ]);
      for (const result of results)
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(harness.core.pendingCalls()).toBe(0);
      expect((await harness.core.api.dispatch('listAlerts', {})).ok).toBe(true);
    });
  });

  describe('finding 5: unbounded lists in the query string', () => {
    it('answers 400 to 600 label= parameters, naming the bound', async () => {
      const query = Array.from({ length: 600 }, (_, index) => `label=k${index}%3Dv`).join('&');
      const response = await raw(server.url, { path: `/api/alerts?${query}` });
      expect(response.status).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(/^label: /);
    });

    it.each(['source', 'severity', 'state'])('answers 400 to 600 %s= parameters', async (name) => {
      const value = name === 'severity' ? 'critical' : name === 'state' ? 'firing' : 'am-main';
      const query = Array.from({ length: 600 }, () => `${name}=${value}`).join('&');
      expect((await raw(server.url, { path: `/api/alerts?${query}` })).status).toBe(400);
    });
  });

  describe('finding 6: slow and greedy clients', () => {
    it('closes a connection that never finishes its headers', async () => {
      const strict = await harness.serve({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
      const socket = connect(Number(new URL(strict.url).port), '127.0.0.1');
      socket.write('GET /api/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      server = await harness.serve();
    });

    it('refuses connections beyond maxConnections', async () => {
      const small = await harness.serve({ limits: { maxConnections: 2 } });
      const port = Number(new URL(small.url).port);
      const held = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
      await Promise.all(held.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
      await expect(raw(small.url, { path: '/api/health' })).rejects.toThrow();
      for (const socket of held) socket.destroy();
      server = await harness.serve();
    });

    it('caps event streams per client address', async () => {
      const capped = await harness.serve({ limits: { eventStreamsPerClient: 2 } });
      const controllers = [new AbortController(), new AbortController()];
      try {
        for (const controller of controllers) {
          const open = await fetch(`${capped.url}/api/events`, { signal: controller.signal });
          expect(open.status).toBe(200);
        }
        const third = await raw(capped.url, { path: '/api/events' });
        expect(third.status).toBe(429);
      } finally {
        for (const controller of controllers) controller.abort();
      }
      server = await harness.serve();
    });
  });
});
