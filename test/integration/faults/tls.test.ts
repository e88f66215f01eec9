import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates } from '../../support/certificates.js';
import type { TestCertificates } from '../../support/certificates.js';
import { gettableAlert, startFaultServer } from '../../support/fault-server.js';
import {
  LAST_GOOD,
  alertsOf,
  expectNoSecretsLeaked,
  failurePrefix,
  openScenario,
  sourceStatus,
  startCockpit,
  startHealthySource,
} from './two-sources.js';
import type { HealthySource } from './two-sources.js';

let healthy: HealthySource;
let trusted: TestCertificates;
let rogue: TestCertificates;
const open: { dispose(): Promise<void> }[] = [];

beforeAll(async () => {
  [healthy, trusted, rogue] = await Promise.all([
    startHealthySource(),
    createTestCertificates(),
    createTestCertificates(),
  ]);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((scenario) => scenario.dispose()));
});
afterAll(async () => {
  await Promise.all([healthy?.close(), trusted?.dispose(), rogue?.dispose()]);
});

const goodAnswer = { kind: 'alerts', alerts: LAST_GOOD.map((name) => gettableAlert(name)) } as const;

describe('a source behind TLS', () => {
  it('fails closed when the server presents a certificate from a CA that is not configured', async () => {
    const scenario = await openScenario(healthy, { tls: trusted.server, caFile: trusted.caFile });
    open.push(scenario);
    const { faulty, breakWith, recover } = scenario;
    const { what } = failurePrefix(faulty.origin);
    const requestsBefore = faulty.requests.length;

    // Same address, same answers, but now signed by a CA nobody configured (a swapped or MITM cert).
    faulty.setCertificate(rogue.server);
    const { lastError } = await breakWith(goodAnswer);

    expect(lastError).toMatch(
      new RegExp(
        `${what} failed TLS verification: the server's certificate is signed by a CA that is not trusted ` +
          '\\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\); configure tls\\.caFile for this source',
      ),
    );
    // The handshake failed before any request: the credentials never went to the unverified server.
    expect(faulty.requests.length).toBe(requestsBefore);

    faulty.setCertificate(trusted.server);
    await recover();
  });

  it('is an error without tls.caFile and polls fine once the CA is configured', async () => {
    const server = await startFaultServer({ mode: goodAnswer, tls: trusted.server });
    open.push({ dispose: () => server.close() });
    const { what } = failurePrefix(server.origin);

    const withoutCa = await startCockpit(server, healthy);
    open.push({ dispose: () => withoutCa.stop() });
    await withoutCa.core.poller.pollNow();

    const refused = await sourceStatus(withoutCa.core, 'faulty');
    expect(refused).toMatchObject({ state: 'error', itemCount: 0 });
    expect(refused.lastError).toMatch(
      new RegExp(
        `${what} failed TLS verification: the server's certificate is signed by a CA that is not trusted ` +
          '\\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\); configure tls\\.caFile for this source',
      ),
    );
    expect(await sourceStatus(withoutCa.core, 'healthy')).toMatchObject({ state: 'ok' });
    expect(server.connections()).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(0);
    await expectNoSecretsLeaked(withoutCa);

    const withCa = await startCockpit(server, healthy, { caFile: trusted.caFile });
    open.push({ dispose: () => withCa.stop() });
    await withCa.core.poller.pollNow();

    expect(await sourceStatus(withCa.core, 'faulty')).toMatchObject({
      state: 'ok',
      itemCount: LAST_GOOD.length,
    });
    expect(await alertsOf(withCa.core, 'faulty')).toEqual(LAST_GOOD.map((name) => ({ name, stale: false })));
  });
});
