import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/client.js';
import { createTestCertificates } from '../../support/certificates.js';
import type { TestCertificates } from '../../support/certificates.js';
import { httpErrorOf, startLoopback } from './loopback.js';
import type { Handler, Loopback } from './loopback.js';

const client = createHttpClient();
const limits = { timeoutMs: 3000, maxBytes: 1024 * 1024 } as const;
const answer: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"status":"success"}');
};

let certificates: TestCertificates;
let trusted: Loopback;
let wrongHost: Loopback;
let plainHttp: Loopback;

beforeAll(async () => {
  certificates = await createTestCertificates();
  trusted = await startLoopback(answer, certificates.server);
  wrongHost = await startLoopback(answer, certificates.otherHost);
  plainHttp = await startLoopback(answer);
});

afterAll(async () => {
  await Promise.all([trusted?.close(), wrongHost?.close(), plainHttp?.close()]);
  await certificates?.dispose();
});

describe('http client: TLS', () => {
  it("fails closed on a certificate from an unknown CA with code 'tls' and says what to configure", async () => {
    const before = trusted.requests.length;

    const error = await httpErrorOf(client.request({ url: `${trusted.origin}/api/v1/rules`, ...limits }));

    expect(error.code).toBe('tls');
    expect(error.message).toMatch(
      new RegExp(`^GET ${trusted.origin}/api/v1/rules failed TLS verification: `),
    );
    expect(error.message).toContain('configure tls.caFile for this source');
    expect(error.message).toContain('tls.insecureSkipVerify');
    expect(trusted.requests.length).toBe(before);
  });

  it('trusts a server signed by the configured CA', async () => {
    const response = await client.request({
      url: trusted.origin,
      tls: { ca: certificates.caPem },
      ...limits,
    });

    expect(response.status).toBe(200);
    expect(response.body.toString('utf8')).toBe('{"status":"success"}');
  });

  it('accepts an untrusted certificate only with insecureSkipVerify', async () => {
    const response = await client.request({
      url: trusted.origin,
      tls: { insecureSkipVerify: true },
      ...limits,
    });

    expect(response.status).toBe(200);
  });

  it("rejects a certificate issued for another host name even from the trusted CA, with code 'tls'", async () => {
    const error = await httpErrorOf(
      client.request({ url: wrongHost.origin, tls: { ca: certificates.caPem }, ...limits }),
    );

    expect(error.code).toBe('tls');
    expect(error.message).toContain('is not issued for "127.0.0.1"');
    expect(error.message).toContain('tls.insecureSkipVerify');
  });

  it("reports https spoken to a plain http port as code 'tls'", async () => {
    const error = await httpErrorOf(
      client.request({ url: plainHttp.origin.replace('http:', 'https:'), ...limits }),
    );

    expect(error.code).toBe('tls');
    expect(error.message).toContain('check that this port speaks https');
  });
});
