/**
 * The fault-injection fixture: a cockpit core with two sources, `faulty` (a fault server, with
 * credentials) and `healthy` (the demo estate's Alertmanager), and the checks every fault shares.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { createCockpitCore } from '../../../src/core.js';
import type { CockpitCore } from '../../../src/core.js';
import { createDemoSimulator, startDemoAlertmanager } from '../../../src/demo/index.js';
import type { SourceInfo } from '../../../src/domain/index.js';
import { createMemoryLogger } from '../../../src/logger.js';
import { gettableAlert, startFaultServer } from '../../support/fault-server.js';
import type { FaultMode, FaultServer } from '../../support/fault-server.js';

/** Canary credentials: none of them may show up anywhere but in requests to the faulty source. */
export const SECRETS = {
  bearer: 'canary-bearer-7f3a9c2e51',
  username: 'canary-user',
  password: 'canary-password-51d2b8',
  headerName: 'X-Api-Key',
  headerValue: 'canary-header-e08b6d4f',
} as const;

export type AuthVariant = 'bearer' | 'basic' | 'header';

const SECRET_ENV = {
  FAULT_BEARER: SECRETS.bearer,
  FAULT_USER: SECRETS.username,
  FAULT_PASSWORD: SECRETS.password,
  FAULT_HEADER: SECRETS.headerValue,
};

/** The credentials, their common prefix (catches a partial leak) and the Basic header's base64 form. */
export const SECRET_TEXTS: readonly string[] = [
  SECRETS.bearer,
  SECRETS.password,
  SECRETS.headerValue,
  'canary',
  Buffer.from(`${SECRETS.username}:${SECRETS.password}`).toString('base64'),
];

function authYaml(auth: AuthVariant): string {
  switch (auth) {
    case 'bearer':
      return 'auth: { bearer: "${FAULT_BEARER}" }';
    case 'basic':
      return 'auth: { basic: { username: "${FAULT_USER}", password: "${FAULT_PASSWORD}" } }';
    case 'header':
      return `auth: { header: { name: ${SECRETS.headerName}, value: "\${FAULT_HEADER}" } }`;
  }
}

/** The demo estate's Alertmanager frozen at one moment, so only alerts the test adds change it. */
export type HealthySource = Readonly<{
  url: string;
  /** Adds a warning-level alert (below the notification threshold) and returns its name. */
  addAlert(name: string): string;
  close(): Promise<void>;
}>;

export async function startHealthySource(): Promise<HealthySource> {
  const frozenAt = Date.now();
  const server = await startDemoAlertmanager({
    simulator: createDemoSimulator({ seed: 7, now: () => frozenAt }),
  });
  return {
    url: server.url,
    addAlert(name) {
      server.injectAlert({
        labels: { alertname: name, severity: 'warning', service: 'search' },
        annotations: { summary: `${name} on search` },
      });
      return name;
    },
    close: () => server.close(),
  };
}

export type CockpitOptions = Readonly<{
  auth?: AuthVariant;
  /** The faulty source's `timeout:` (default 1s). */
  timeout?: string;
  /** Both sources' `interval:`; 1h means only pollNow() polls, unless the core is started. */
  interval?: string;
  maxResponseSize?: string;
  caFile?: string;
  /** Overrides the faulty source's URL (defaults to the fault server's origin). */
  faultyUrl?: string;
}>;

export type Cockpit = Readonly<{
  core: CockpitCore;
  logger: ReturnType<typeof createMemoryLogger>;
  dataDir: string;
  stop(): Promise<void>;
}>;

/** Builds a core from YAML, as a user would configure it, with secrets coming from the environment. */
export async function startCockpit(
  faulty: FaultServer,
  healthy: HealthySource,
  options: CockpitOptions = {},
): Promise<Cockpit> {
  const interval = options.interval ?? '1h';
  const tls = options.caFile ? `\n    tls: { caFile: "${options.caFile}" }` : '';
  const size = options.maxResponseSize ? `\n    maxResponseSize: ${options.maxResponseSize}` : '';
  const yaml = `sources:
  - id: faulty
    kind: alertmanager
    url: ${options.faultyUrl ?? faulty.origin}
    interval: ${interval}
    timeout: ${options.timeout ?? '1s'}
    ${authYaml(options.auth ?? 'bearer')}${tls}${size}
  - id: healthy
    kind: alertmanager
    url: ${healthy.url}
    interval: ${interval}
    timeout: 5s
`;
  const config = parseConfig(yaml, join(tmpdir(), 'faults.yaml'), SECRET_ENV);
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-faults-'));
  const logger = createMemoryLogger();
  const core = await createCockpitCore({ config, dataDir, logger });
  return {
    core,
    logger,
    dataDir,
    async stop() {
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function sourceStatus(core: CockpitCore, id: string): Promise<SourceInfo> {
  const source = (await core.api.listSources()).sources.find((candidate) => candidate.id === id);
  if (!source) throw new Error(`no source "${id}"`);
  return source;
}

/** The source's alerts as `name` → stale, sorted by name. */
export async function alertsOf(
  core: CockpitCore,
  sourceId: string,
): Promise<{ name: string; stale: boolean }[]> {
  const { items } = await core.api.listAlerts({ source: sourceId, limit: 5000, sort: 'name' });
  return items.map((alert) => ({ name: alert.name, stale: alert.stale ?? false }));
}

/**
 * Resolves with the first value `check` returns (not undefined), evaluated now and after each change
 * event of the core; rejects after `timeoutMs` saying what it waited for.
 */
export function waitForChange<T>(
  core: CockpitCore,
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let checking = false;
    let again = false;
    const end = () => {
      done = true;
      clearTimeout(timer);
      subscription.dispose();
    };
    const run = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const value = await check();
          if (value !== undefined && !done) {
            end();
            resolve(value);
          }
        } while (again && !done);
      } catch (error) {
        end();
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        checking = false;
      }
    };
    // The poller emits before it schedules the next poll: check once the emitting step has finished.
    const subscription = core.api.onDidChange(() => setImmediate(() => void run()));
    const timer = setTimeout(() => {
      end();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    void run();
  });
}

/** Fails if a canary credential appears in any status, log line or cache file of the cockpit. */
export async function expectNoSecretsLeaked(cockpit: Cockpit): Promise<void> {
  const places: [string, string][] = [
    ['listSources()', JSON.stringify(await cockpit.core.api.listSources())],
    ['listAlerts()', JSON.stringify(await cockpit.core.api.listAlerts({ limit: 5000 }))],
    ['the log', JSON.stringify(cockpit.logger.entries)],
  ];
  for (const entry of readdirSync(cockpit.dataDir, { withFileTypes: true })) {
    if (entry.isFile()) places.push([entry.name, readFileSync(join(cockpit.dataDir, entry.name), 'latin1')]);
  }
  for (const [place, text] of places) {
    for (const secret of SECRET_TEXTS) expect(text, `${secret} in ${place}`).not.toContain(secret);
  }
}

/** The alerts the faulty source serves while it is healthy. */
export const LAST_GOOD = ['CheckoutLatencyHigh', 'PaymentsDown'] as const;

/** `^source "faulty": GET <origin>/api/v2/alerts`, escaped for a RegExp: how every failure sentence starts. */
export function failurePrefix(origin: string): { what: string } {
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { what: `^source "faulty": GET ${escaped}/api/v2/alerts` };
}

/** What a round under a fault left for the test's own, per-fault assertions. */
export type BrokenRound = Readonly<{ lastError: string }>;

/**
 * One fault scenario on a fresh fault server and core: a healthy first round (the faulty source gets
 * last good alerts), then `breakWith` a round under a fault, then `recover` on good answers.
 */
export type FaultScenario = Readonly<{
  faulty: FaultServer;
  cockpit: Cockpit;
  /**
   * Polls all sources with the fault on and checks what every fault shares: the faulty poll ends
   * within timeout + 2 s; the healthy source polled OK in the same round and shows its new alert;
   * the faulty one is stale with a one-line sentence naming it and no secret; its last good alerts
   * are still listed, marked stale. With `stalls`, also checks that the healthy source's new alert
   * showed up while the faulty poll was still running.
   */
  breakWith(fault: FaultMode, options?: Readonly<{ stalls?: boolean }>): Promise<BrokenRound>;
  /** Switches the fault off and polls again: the faulty source is back to ok with fresh alerts. */
  recover(): Promise<void>;
}>;

export async function openScenario(
  healthy: HealthySource,
  options: CockpitOptions & Readonly<{ tls?: Readonly<{ key: string; cert: string }> }> = {},
): Promise<FaultScenario & Readonly<{ dispose(): Promise<void> }>> {
  const faulty = await startFaultServer({
    mode: { kind: 'alerts', alerts: LAST_GOOD.map((name) => gettableAlert(name)) },
    ...(options.tls ? { tls: options.tls } : {}),
  });
  const cockpit = await startCockpit(faulty, healthy, options);
  const { core } = cockpit;
  const timeoutMs = core.sources.find((source) => source.id === 'faulty')?.timeoutMs ?? 0;
  let round = 0;

  const firstName = healthy.addAlert('HealthyRoundOne');
  await core.poller.pollNow();
  expect(await sourceStatus(core, 'faulty')).toMatchObject({ state: 'ok', itemCount: LAST_GOOD.length });
  expect(await sourceStatus(core, 'healthy')).toMatchObject({ state: 'ok' });
  expect(await alertsOf(core, 'faulty')).toEqual(LAST_GOOD.map((name) => ({ name, stale: false })));
  expect(await alertsOf(core, 'healthy')).toContainEqual({ name: firstName, stale: false });

  return {
    faulty,
    cockpit,
    async breakWith(fault, breakOptions = {}) {
      round += 1;
      const healthyBefore = await sourceStatus(core, 'healthy');
      const newHealthyAlert = healthy.addAlert(`HealthyDuringFault${round}x${faulty.port}`);
      faulty.setMode(fault);
      const connectionsBefore = faulty.connections();

      const startedAt = performance.now();
      let finished = false;
      const polled = core.poller.pollNow().finally(() => {
        finished = true;
      });
      if (breakOptions.stalls) {
        // One source that hangs must not hold the others: the healthy one shows its news meanwhile.
        await waitForChange(
          core,
          async () =>
            (await alertsOf(core, 'healthy')).some((alert) => alert.name === newHealthyAlert)
              ? true
              : undefined,
          'the healthy source to update while the faulty one stalls',
        );
        expect(finished, 'the round ended before the healthy source updated').toBe(false);
        expect((await sourceStatus(core, 'faulty')).state).toBe('ok');
      }
      await polled;
      const elapsedMs = performance.now() - startedAt;

      expect(elapsedMs, 'the faulty poll ended within timeout + 2 s').toBeLessThanOrEqual(timeoutMs + 2000);
      expect(faulty.connections(), 'the faulty source was polled').toBeGreaterThan(connectionsBefore);

      const healthyAfter = await sourceStatus(core, 'healthy');
      expect(healthyAfter).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
      expect(healthyAfter.lastSuccessAt).not.toBe(healthyBefore.lastSuccessAt);
      expect(await alertsOf(core, 'healthy')).toContainEqual({ name: newHealthyAlert, stale: false });

      const status = await sourceStatus(core, 'faulty');
      expect(status).toMatchObject({ state: 'stale', itemCount: LAST_GOOD.length });
      expect(status.consecutiveFailures).toBeGreaterThanOrEqual(1);
      const lastError = status.lastError ?? '';
      expect(lastError).toMatch(/^source "faulty": \S/);
      expect(lastError).not.toMatch(/[\r\n]|\bundefined\b|\[object |\n\s+at /);
      for (const secret of SECRET_TEXTS) expect(lastError).not.toContain(secret);
      expect(await alertsOf(core, 'faulty')).toEqual(LAST_GOOD.map((name) => ({ name, stale: true })));
      return { lastError };
    },
    async recover() {
      const back = `BackAfterFault${faulty.port}`;
      faulty.setMode({
        kind: 'alerts',
        alerts: [...LAST_GOOD, back].map((name) => gettableAlert(name)),
      });
      await core.poller.pollNow('faulty');
      const status = await sourceStatus(core, 'faulty');
      expect(status).toMatchObject({ state: 'ok', consecutiveFailures: 0, itemCount: LAST_GOOD.length + 1 });
      expect(status.lastError).toBeUndefined();
      expect(await alertsOf(core, 'faulty')).toEqual(
        [...LAST_GOOD, back].sort().map((name) => ({ name, stale: false })),
      );
      await expectNoSecretsLeaked(cockpit);
    },
    async dispose() {
      await cockpit.stop();
      await faulty.close();
    },
  };
}

/**
 * The hooks every fault suite shares: one healthy source for the file, and every scenario (or other
 * server) a test opened disposed after it. Call at the top level of a test file.
 */
export function useFaultScenarios() {
  let healthy: HealthySource | undefined;
  const open: { dispose(): Promise<void> }[] = [];
  beforeAll(async () => {
    healthy = await startHealthySource();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((item) => item.dispose()));
  });
  afterAll(async () => {
    await healthy?.close();
  });
  const healthySource = (): HealthySource => {
    if (!healthy) throw new Error('useFaultScenarios: the healthy source starts in beforeAll');
    return healthy;
  };
  return {
    healthy: healthySource,
    /** Disposes `item` after the current test. */
    track<T extends { dispose(): Promise<void> }>(item: T): T {
      open.push(item);
      return item;
    },
    async scenario(options: Parameters<typeof openScenario>[1] = {}) {
      const opened = await openScenario(healthySource(), options);
      open.push(opened);
      return opened;
    },
  };
}
