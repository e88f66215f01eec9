import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

export type TlsFiles = Readonly<{ cert: string; key: string }>;
export type TlsCredentials = Readonly<{ cert: string; key: string }>;

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(
      `cannot read the TLS ${what} ${path} (${code}); fix server.tls.${what === 'certificate' ? 'cert' : 'key'} in the config or make the file readable by this user`,
      { cause: error },
    );
  }
}

/**
 * Reads `server.tls` and checks that the key belongs to the certificate, so a wrong pair fails at
 * start with a sentence instead of at the first browser's handshake.
 */
export function readTlsFiles(files: TlsFiles): TlsCredentials {
  const cert = read(files.cert, 'certificate');
  const key = read(files.key, 'key');
  if (!cert.includes('-----BEGIN CERTIFICATE-----')) {
    throw new Error(
      `the TLS certificate ${files.cert} is not a PEM certificate; point server.tls.cert at one`,
    );
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const mismatch = /mismatch/i.test(reason);
    throw new Error(
      mismatch
        ? `the TLS key ${files.key} does not belong to the certificate ${files.cert}; give server.tls the key the certificate was issued for`
        : `cannot use the TLS certificate ${files.cert} with the key ${files.key} (${reason}); both must be PEM files`,
      { cause: error },
    );
  }
  return { cert, key };
}
