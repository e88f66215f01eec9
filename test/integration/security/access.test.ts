/**
 * Roles, sessions, TLS and the audit log (issue 15) against a real Alertmanager through the core in
 * its worker: a viewer token reads and streams but cannot silence, an operator's silence carries the
 * token's name, a `?token=` becomes an HttpOnly cookie, and every command lands in the audit log.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTlsFiles } from '../../../src/server/tls.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { ALERTMANAGER_BINARY } from '../../support/alertmanager.js';
import { requireBinary } from '../../support/binaries.js';
import { createTestCertificates } from '../../support/certificates.js';
import type { TestCertificates } from '../../support/certificates.js';
import { firstAlertId, postJson, raw, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');

const VIEWER = 'viewer-token-0123456789';
const OPERATOR = 'operator-token-0123456789';
const hashed = (token: string) => `sha256:${createHash('sha256').update(token).digest('hex')}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.runIf(available)('viewer and operator tokens', () => {
  let harness: Harness;
  let server: RunningServer;
  let alertId: string;
  let certificates: TestCertificates;

  beforeAll(async () => {
    harness = await startHarness();
    certificates = await createTestCertificates();
    server = await harness.serve({
      tokens: [
        { token: VIEWER, role: 'viewer', name: 'wall-display' },
        { token: hashed(OPERATOR), role: 'operator', name: 'alice' },
      ],
    });
    alertId = await firstAlertId(harness.core);
  });
  afterAll(async () => {
    await harness?.dispose();
    await certificates?.dispose();
  });

  const silencePath = () => `/api/alerts/${encodeURIComponent(alertId)}/silence`;

  it('answers 401 without a token, and does not take one in the query string', async () => {
    const missing = await raw(server.url, { path: '/api/alerts' });
    expect(missing.status).toBe(401);
    // A missing token is `unauthorized` (send one), not `forbidden` (a role that may not).
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await raw(server.url, { path: `/api/alerts?token=${VIEWER}` })).status).toBe(401);
    expect(
      (await raw(server.url, { path: '/api/alerts', headers: bearer('wrong-token-0123456789') })).status,
    ).toBe(401);
    // Liveness without a token says only that the host lives; the detail needs a token.
    const anonymous = await raw(server.url, { path: '/api/health' });
    expect(anonymous.status).toBe(200);
    expect(anonymous.json()).toEqual({ ok: true });
    const detailed = await raw(server.url, { path: '/api/health', headers: bearer(VIEWER) });
    expect(detailed.json()).toEqual({ ok: true, version: expect.any(String) as string });
  });

  it('lets a viewer read and stream, and refuses its silence and the audit log', async () => {
    const read = await raw(server.url, { path: '/api/alerts', headers: bearer(VIEWER) });
    expect(read.status).toBe(200);
    expect(read.body).toContain('CheckoutDown');
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/events`, {
      headers: bearer(VIEWER),
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    controller.abort();
    const silence = await postJson(
      server.url,
      silencePath(),
      { durationMinutes: 5, comment: 'viewer' },
      bearer(VIEWER),
    );
    expect(silence.status).toBe(403);
    expect(silence.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await raw(server.url, { path: '/api/audit', headers: bearer(VIEWER) })).status).toBe(403);
    expect((await harness.am.getSilences()).filter((s) => s.comment === 'viewer')).toEqual([]);
  });

  it('silences as the operator token’s name (hashed in the config), not the name the client sends', async () => {
    const response = await postJson(
      server.url,
      silencePath(),
      { durationMinutes: 5, comment: 'operator', createdBy: 'mallory' },
      bearer(OPERATOR),
    );
    expect(response.status).toBe(200);
    const silence = (await harness.am.getSilences()).find((s) => s.comment === 'operator');
    expect(silence?.createdBy).toBe('alice');
  });

  it('keeps every command in the audit log with who, role, address, time and outcome', async () => {
    const audit = await raw(server.url, { path: '/api/audit', headers: bearer(OPERATOR) });
    expect(audit.status).toBe(200);
    const { items } = audit.json<{ items: Record<string, unknown>[] }>();
    expect(items[0]).toMatchObject({
      method: 'silenceAlert',
      who: 'alice',
      role: 'operator',
      address: '127.0.0.1',
      via: 'http',
      outcome: 'ok',
      target: JSON.stringify({ id: alertId }),
    });
    expect(Number.isNaN(Date.parse(String(items[0]?.at)))).toBe(false);
    // The viewer's refused silence never reached the api, so only the operator's is there.
    expect(items.filter((item) => item.method === 'silenceAlert')).toHaveLength(1);
  });

  it('exchanges a token for an HttpOnly SameSite=Strict cookie that reads and streams', async () => {
    const exchange = await raw(server.url, {
      method: 'POST',
      path: '/api/session',
      headers: { ...bearer(VIEWER), origin: server.url },
    });
    expect(exchange.status).toBe(200);
    expect(exchange.json()).toEqual({ ok: true, value: { role: 'viewer', name: 'wall-display' } });
    const setCookie = String(exchange.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(VIEWER);
    const cookie = setCookie.split(';')[0] ?? '';
    expect((await raw(server.url, { path: '/api/alerts', headers: { cookie } })).status).toBe(200);
    const who = await raw(server.url, { path: '/api/session', headers: { cookie } });
    expect(who.json()).toEqual({ ok: true, value: { role: 'viewer', name: 'wall-display' } });
    const forged = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await raw(server.url, { path: '/api/alerts', headers: { cookie: forged } })).status).toBe(401);
    // Rotating the tokens (a config reload) ends the sessions of a token that is gone.
    server.updateTokens([{ token: hashed(OPERATOR), role: 'operator', name: 'alice' }]);
    expect((await raw(server.url, { path: '/api/alerts', headers: { cookie } })).status).toBe(401);
    expect((await raw(server.url, { path: '/api/alerts', headers: bearer(VIEWER) })).status).toBe(401);
    server.updateTokens([
      { token: VIEWER, role: 'viewer', name: 'wall-display' },
      { token: hashed(OPERATOR), role: 'operator', name: 'alice' },
    ]);
  });

  it('serves https with a certificate made by openssl, the cookie marked Secure', async () => {
    const secure = await harness.serve({
      tokens: [{ token: VIEWER, role: 'viewer', name: 'wall-display' }],
      tls: certificates.server,
    });
    expect(secure.url).toMatch(/^https:\/\//);
    const read = await raw(secure.url, {
      path: '/api/alerts',
      headers: bearer(VIEWER),
      ca: certificates.caPem,
    });
    expect(read.status).toBe(200);
    const exchange = await raw(secure.url, {
      method: 'POST',
      path: '/api/session',
      headers: { ...bearer(VIEWER), origin: secure.url },
      ca: certificates.caPem,
    });
    expect(String(exchange.headers['set-cookie'])).toMatch(/; Secure/);
    await expect(raw(secure.url.replace('https:', 'http:'), { path: '/api/health' })).rejects.toThrow();
  });
});

describe('server.tls files', () => {
  let certificates: TestCertificates;
  beforeAll(async () => {
    certificates = await createTestCertificates();
  });
  afterAll(() => certificates?.dispose());

  it('names the file that cannot be read', async () => {
    const { writeFile } = await import('node:fs/promises');
    const cert = `${certificates.caFile}.server.pem`;
    await writeFile(cert, certificates.server.cert);
    expect(() => readTlsFiles({ cert, key: '/nonexistent/key.pem' })).toThrow(
      'cannot read the TLS key /nonexistent/key.pem (ENOENT); fix server.tls.key in the config or make the file readable by this user',
    );
  });

  it('says when the key does not belong to the certificate', async () => {
    const { writeFile } = await import('node:fs/promises');
    const cert = `${certificates.caFile}.server.pem`;
    const key = `${certificates.caFile}.other.key`;
    await writeFile(cert, certificates.server.cert);
    await writeFile(key, certificates.otherHost.key);
    expect(() => readTlsFiles({ cert, key })).toThrow(
      `the TLS key ${key} does not belong to the certificate ${cert}; give server.tls the key the certificate was issued for`,
    );
  });
});
