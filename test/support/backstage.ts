import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startChild, waitFor } from './processes.js';

export const BACKSTAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../backends/backstage');
export const BACKSTAGE_TOKEN = 'cockpit-test-static-token-0123456789';

/**
 * Whether the test backend is installed. Outside CI a missing install skips with a loud message;
 * under CI=true it fails (`.ci/run` installs it, and a skip would hide a broken install).
 */
export function requireBackstage(): { available: boolean } {
  if (existsSync(join(BACKSTAGE_DIR, 'node_modules', '@backstage', 'plugin-catalog-backend'))) {
    return { available: true };
  }
  const message = `the Backstage test backend is not installed: run "npm ci" in ${BACKSTAGE_DIR}`;
  if (process.env.CI) throw new Error(`${message} (CI must run these tests, not skip them)`);
  console.warn(`\n!!! SKIPPING real-backend tests: ${message}\n`);
  return { available: false };
}

export type RealBackstage = Readonly<{
  url: string;
  token: string;
  output(): string;
  dispose(): Promise<void>;
}>;

/** A real Backstage catalog on a free loopback port reading `files`, requiring a static bearer token. */
export async function startBackstage(files: readonly string[]): Promise<RealBackstage> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-backstage-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const locations = files.map((file) => `    - type: file\n      target: ${JSON.stringify(file)}`).join('\n');
  const config = join(dir, 'app-config.yaml');
  writeFileSync(
    config,
    `app:
  baseUrl: http://127.0.0.1:3000
backend:
  baseUrl: ${url}
  listen: { host: 127.0.0.1, port: ${port} }
  database: { client: better-sqlite3, connection: ':memory:' }
  auth:
    externalAccess:
      - type: static
        options: { token: ${BACKSTAGE_TOKEN}, subject: cockpit-test }
catalog:
  # Without an allow list the catalog stays empty and says nothing.
  rules:
    - allow: [Component, System, API, Resource, Location, Group, User, Domain]
  processingInterval: { seconds: 1 }
  locations:
${locations}
`,
  );
  const child = startChild(process.execPath, [join(BACKSTAGE_DIR, 'index.js'), '--config', config], {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  });
  const output = () => child.output();
  await waitFor(
    async () => ((await fetch(`${url}/api/catalog/entities/by-query?limit=1`)).status > 0 ? true : undefined),
    `Backstage on ${url}`,
    60_000,
    output,
  );
  return {
    url,
    token: BACKSTAGE_TOKEN,
    output,
    async dispose() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the catalog has processed `expected` entities of the kept kinds with their relations. */
export async function waitForEntities(
  backstage: RealBackstage,
  expected: number,
  relationsExpected: number,
): Promise<void> {
  await waitFor(
    async () => {
      const response = await fetch(
        `${backstage.url}/api/catalog/entities/by-query?filter=kind=component&filter=kind=system&filter=kind=resource&filter=kind=api&filter=kind=group&filter=kind=domain&fields=kind,relations&limit=1000`,
        { headers: { authorization: `Bearer ${backstage.token}` } },
      );
      if (!response.ok) return undefined;
      const body = (await response.json()) as { items: { relations?: unknown[] }[] };
      const relations = body.items.reduce((sum, item) => sum + (item.relations?.length ?? 0), 0);
      return body.items.length >= expected && relations >= relationsExpected ? true : undefined;
    },
    `${expected} entities with ${relationsExpected} relations in the catalog`,
    60_000,
    backstage.output,
  );
}
