import { existsSync } from 'node:fs';

/**
 * Finds a Debian-packaged backend. Outside CI a missing binary skips the suite with a loud message;
 * under CI=true it fails, because `.ci/run` installs it and a skip would hide a broken install.
 */
export function requireBinary(path: string, debianPackage: string): { available: boolean } {
  if (existsSync(path)) return { available: true };
  const message = `${path} is missing: install it with "apt-get install --no-install-recommends ${debianPackage}"`;
  if (process.env.CI) throw new Error(`${message} (CI must run these tests, not skip them)`);
  console.warn(`\n!!! SKIPPING real-backend tests: ${message}\n`);
  return { available: false };
}
