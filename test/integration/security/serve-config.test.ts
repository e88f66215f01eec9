/**
 * `serve` as a user runs it (issue 15): TLS files that cannot be used stop it with a sentence,
 * a token is rotated by SIGHUP without a restart, and listening beyond loopback without TLS warns.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeEmitter } from '../../../src/api/change-emitter.js';
import { createDispatcher } from '../../../src/api/dispatch.js';
import { API_SPEC } from '../../../src/api/spec/index.js';
import type { ApiHandlers } from '../../../src/api/spec/index.js';
import { createMemoryLogger, silentLogger } from '../../../src/logger.js';
import { startServer } from '../../../src/server/http-server.js';
import { ALERTMANAGER_BINARY, startAlertmanager } from '../../support/alertmanager.js';
import type { RealAlertmanager } from '../../support/alertmanager.js';
import { requireBinary } from '../../support/binaries.js';
import { createTestCertificates } from '../../support/certificates.js';
import type { TestCertificates } from '../../support/certificates.js';
import { startChild, waitFor } from '../../support/processes.js';
import { startServe } from '../../support/serve.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');
const ROOT = join(import.meta.dirname, '..', '..', '..');
const OLD = 'old-display-token-0123456789';
const NEW = 'new-display-token-0123456789';

describe.runIf(available)('serve with tokens and TLS from its config', () => {
  let am: RealAlertmanager;
  let certificates: TestCertificates;
  let dir: string;
  const source = () =>
    `sources:\n  - id: am-main\n    kind: alertmanager\n    url: ${am.url}\n    interval: 1s\n`;

  beforeAll(async () => {
    am = await startAlertmanager();
    certificates = await createTestCertificates();
    dir = mkdtempSync(join(tmpdir(), 'cockpit-serve-config-'));
    writeFileSync(join(dir, 'cert.pem'), certificates.server.cert);
    writeFileSync(join(dir, 'key.pem'), certificates.server.key);
    writeFileSync(join(dir, 'other.key'), certificates.otherHost.key);
  });
  afterAll(async () => {
    await am?.dispose();
    await certificates?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function failedStart(tls: string): Promise<{ code: number | null; output: string }> {
    const file = join(dir, 'bad-tls.yaml');
    writeFileSync(file, `${source()}server:\n  tls: ${tls}\n`);
    const child = startChild(process.execPath, [
      '--import',
      'tsx',
      join(ROOT, 'src', 'cli', 'main.ts'),
      'serve',
      '--config',
      file,
      '--port',
      '0',
      '--data-dir',
      join(dir, 'bad-data'),
    ]);
    const [code] = (await once(child.process, 'exit')) as [number | null];
    return { code, output: child.output() };
  }

  it('stops with a sentence when a TLS file is missing or the key is not the certificate’s', async () => {
    const missing = await failedStart('{ cert: cert.pem, key: nope.pem }');
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(
      `cannot read the TLS key ${join(dir, 'nope.pem')} (ENOENT); fix server.tls.key`,
    );
    const mismatched = await failedStart('{ cert: cert.pem, key: other.key }');
    expect(mismatched.code).toBe(1);
    expect(mismatched.output).toContain(
      `the TLS key ${join(dir, 'other.key')} does not belong to the certificate ${join(dir, 'cert.pem')}`,
    );
  });

  it('serves https and takes a rotated token on SIGHUP, dropping the old one', async () => {
    const file = join(dir, 'cockpit.yaml');
    const withToken = (token: string) =>
      `${source()}server:\n  tls: { cert: cert.pem, key: key.pem }\n  tokens:\n    - { token: ${token}, role: viewer, name: wall }\n`;
    writeFileSync(file, withToken(OLD));
    const serve = await startServe(['--config', file, '--data-dir', join(dir, 'data')]);
    try {
      expect(serve.url).toMatch(/^https:/);
      const { raw } = await import('./harness.js');
      const status = async (token: string) =>
        (
          await raw(serve.url, {
            path: '/api/sources',
            headers: { authorization: `Bearer ${token}` },
            ca: certificates.caPem,
          })
        ).status;
      expect(await status(OLD)).toBe(200);
      expect(await status(NEW)).toBe(401);
      writeFileSync(file, withToken(NEW));
      serve.child.process.kill('SIGHUP');
      await waitFor(
        () => (serve.child.output().includes('Reloaded 1 access token') ? true : undefined),
        'the reload',
      );
      expect(await status(NEW)).toBe(200);
      expect(await status(OLD)).toBe(401);
    } finally {
      await serve.stop();
    }
  });
});

describe('listening beyond loopback', () => {
  const api = createDispatcher({
    spec: API_SPEC,
    handlers: {} as ApiHandlers,
    changes: new ChangeEmitter(),
    logger: silentLogger,
  });

  it('is refused without a token', async () => {
    await expect(
      startServer({ api, host: '0.0.0.0', port: 0, logger: silentLogger, version: 't' }),
    ).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without an access token/);
  });

  it('warns that tokens travel in clear without TLS', async () => {
    const logger = createMemoryLogger();
    const server = await startServer({
      api,
      host: '0.0.0.0',
      port: 0,
      tokens: [{ token: OLD, role: 'viewer' }],
      logger,
      version: 't',
    });
    await server.close();
    expect(logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.message)).toEqual([
      'listening on 0.0.0.0 without TLS: access tokens and alert contents travel in clear over the network; set server.tls (cert and key) in the config',
    ]);
  });
});
