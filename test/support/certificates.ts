import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TestCertificates = Readonly<{
  /** PEM of the throwaway CA that signed both server certificates. */
  caPem: string;
  /** The same PEM as a file, for a source's `tls.caFile`; removed by dispose(). */
  caFile: string;
  /** A server certificate for IP 127.0.0.1. */
  server: Readonly<{ key: string; cert: string }>;
  /** A server certificate for another name only (example.invalid): a hostname mismatch on 127.0.0.1. */
  otherHost: Readonly<{ key: string; cert: string }>;
  dispose(): Promise<void>;
}>;

async function issue(dir: string, name: string, subjectAltName: string) {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const extensions = join(dir, `${name}.ext`);
  await writeFile(
    extensions,
    `subjectAltName=${subjectAltName}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
  );
  await run(
    'openssl',
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/CN=${name}`,
    ]),
  );
  await run(
    'openssl',
    ['x509', '-req', '-in', csr, '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key')].concat([
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      cert,
      '-extfile',
      extensions,
    ]),
  );
  return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
}

/** Creates a throwaway CA and server certificates with the openssl CLI in a fresh temp directory. */
export async function createTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'cockpit-tls-'));
  await run(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat([
        '-keyout',
        join(dir, 'ca.key'),
        '-out',
        join(dir, 'ca.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=Cockpit Test CA',
      ])
      .concat([
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ]),
  );
  const server = await issue(dir, 'server', 'IP:127.0.0.1');
  const otherHost = await issue(dir, 'other-host', 'DNS:example.invalid');
  return {
    caPem: await readFile(join(dir, 'ca.pem'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    server,
    otherHost,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
