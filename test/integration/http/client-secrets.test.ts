import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/client.js';
import { HttpError } from '../../../src/http/errors.js';
import type { HttpAuth, HttpRequest } from '../../../src/http/types.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { createTestCertificates } from '../../support/certificates.js';
import type { TestCertificates } from '../../support/certificates.js';
import { freePort, startLoopback } from './loopback.js';
import type { Loopback } from './loopback.js';

// One canary per credential field, so a hit says exactly which secret leaked.
const CANARY = {
  bearer: 'canary-bearer-5b1f0c',
  password: 'canary-password-9d2e7a',
  header: 'canary-header-3c8b44',
  query: 'canary-query-7e6d21',
  userinfo: 'canary-userinfo-1a9f3b',
  body: 'canary-body-4f0a6e',
} as const;
const basicEncoded = Buffer.from(`ops:${CANARY.password}`).toString('base64');
const ALL_SECRETS = [...Object.values(CANARY), basicEncoded];

const AUTHS: readonly HttpAuth[] = [
  { type: 'bearer', token: CANARY.bearer },
  { type: 'basic', username: 'ops', password: CANARY.password },
  { type: 'header', name: 'X-Api-Key', value: CANARY.header },
];

let certificates: TestCertificates;
let backend: Loopback;
let tlsBackend: Loopback;
let elsewhere: Loopback;

beforeAll(async () => {
  certificates = await createTestCertificates();
  elsewhere = await startLoopback((_request, response) => response.end('{}'));
  backend = await startLoopback((request, response, recorded) => {
    switch (request.url?.split('?')[0]) {
      case '/unauthorized':
        // A server that echoes what it got: the body is data for the connector, never a log line.
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="am"' });
        response.end(JSON.stringify(recorded));
        return;
      case '/hang':
        return;
      case '/huge':
        response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        response.flushHeaders();
        return;
      case '/away':
        response.writeHead(307, {
          location: `http://ops:${CANARY.userinfo}@127.0.0.1:${elsewhere.port}/x?token=${CANARY.query}`,
        });
        response.end();
        return;
      default:
        response.end('{}');
    }
  });
  tlsBackend = await startLoopback((_request, response) => response.end('{}'), certificates.server);
});

afterAll(async () => {
  await Promise.all([backend?.close(), tlsBackend?.close(), elsewhere?.close()]);
  await certificates?.dispose();
});

/** Every way an error or a log entry could reach a person or a file. */
function everythingShown(error: unknown, logged: unknown): string {
  const parts = [JSON.stringify(logged)];
  if (error instanceof Error)
    parts.push(error.message, String(error), error.stack ?? '', JSON.stringify(error));
  return parts.join('\n');
}

type Scenario = Readonly<{
  name: string;
  request: () => Promise<Pick<HttpRequest, 'url'> & Partial<HttpRequest>>;
  expectedCode?: string;
}>;

const SCENARIOS: readonly Scenario[] = [
  {
    name: '401 answer',
    request: async () => ({ url: `${backend.origin}/unauthorized?api_key=${CANARY.query}` }),
  },
  {
    name: 'timeout',
    request: async () => ({ url: `${backend.origin}/hang?token=${CANARY.query}`, timeoutMs: 200 }),
    expectedCode: 'timeout',
  },
  {
    name: 'cross-origin redirect',
    request: async () => ({ url: `${backend.origin}/away?access_token=${CANARY.query}` }),
    expectedCode: 'redirect-refused',
  },
  {
    name: 'TLS failure',
    request: async () => ({ url: `${tlsBackend.origin}/?password=${CANARY.query}` }),
    expectedCode: 'tls',
  },
  {
    name: 'malformed URL',
    request: async () => ({ url: `http://ops:${CANARY.userinfo}@127.0.0.1:99999/?apikey=${CANARY.query}` }),
    expectedCode: 'invalid-url',
  },
  {
    name: 'credentials in the URL',
    request: async () => ({ url: `http://ops:${CANARY.userinfo}@127.0.0.1:${backend.port}/` }),
    expectedCode: 'invalid-url',
  },
  {
    name: 'connection refused',
    request: async () => ({ url: `http://127.0.0.1:${await freePort()}/?secret=${CANARY.query}` }),
    expectedCode: 'connection',
  },
  {
    name: 'body over the cap',
    request: async () => ({ url: `${backend.origin}/huge?auth=${CANARY.query}` }),
    expectedCode: 'too-large',
  },
];

describe('http client: secrets never reach error messages or logs', () => {
  for (const scenario of SCENARIOS) {
    it.each(AUTHS.map((auth) => [auth.type, auth] as const))(
      `${scenario.name} with %s auth`,
      async (_type, auth) => {
        const logger = createMemoryLogger();
        const request = await scenario.request();
        let error: unknown;
        try {
          await createHttpClient({ logger }).request({
            method: 'POST',
            json: { auth: CANARY.body },
            timeoutMs: 2000,
            maxBytes: 1024 * 1024,
            auth,
            ...request,
          });
        } catch (caught) {
          error = caught;
        }

        if (scenario.expectedCode) {
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).code).toBe(scenario.expectedCode);
        } else {
          expect(error).toBeUndefined();
        }
        expect(logger.entries.length).toBeGreaterThan(0);
        const shown = everythingShown(error, logger.entries);
        for (const secret of ALL_SECRETS) expect(shown).not.toContain(secret);
      },
    );
  }

  it('never lets a header value with a line break echo the secret in the error', async () => {
    const logger = createMemoryLogger();
    let error: unknown;
    try {
      await createHttpClient({ logger }).request({
        url: backend.origin,
        auth: { type: 'header', name: 'X-Api-Key', value: `${CANARY.header}\r\n` },
        timeoutMs: 2000,
        maxBytes: 1024,
      });
    } catch (caught) {
      error = caught;
    }

    expect((error as HttpError).code).toBe('invalid-url');
    expect(everythingShown(error, logger.entries)).not.toContain(CANARY.header);
  });
});
