import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createCockpitCore } from '../../src/core.js';
import type { CockpitCore } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { requireBinary } from '../support/binaries.js';
import { waitFor } from '../support/processes.js';
import { PROMETHEUS_BINARY, startPrometheus } from '../support/prometheus.js';

const { available } = requireBinary(PROMETHEUS_BINARY, 'prometheus');

const RULES = `groups:
  - name: cockpit-test
    interval: 1s
    rules:
      - alert: AlwaysFiring
        expr: vector(1) > 0
        labels: { severity: critical, service: checkout }
        annotations:
          summary: 结账服务错误率过高 / checkout error rate high
          runbook_url: https://runbooks.example/checkout/errors
      - alert: SlowToFire
        expr: vector(1) > 0
        for: 1h
        labels: { severity: warning, job: checkout-worker }
`;

describe.runIf(available)('against a real Prometheus', () => {
  let prometheus: { url: string; dispose(): Promise<void> };
  let core: CockpitCore;
  let dataDir: string;

  beforeAll(async () => {
    prometheus = await startPrometheus(RULES);
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-data-'));
    const config = parseConfig(
      `sources:\n  - id: prom\n    kind: prometheus\n    url: ${prometheus.url}\n    interval: 1h\n`,
      'test.yaml',
      {},
    );
    core = await createCockpitCore({ config, dataDir, logger: silentLogger });
  });
  afterAll(async () => {
    await core?.stop();
    await prometheus?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings a firing rule in as a firing alert, and a rule still in its for: window as pending', async () => {
    const alerts = await waitFor(async () => {
      await core.poller.pollNow();
      const page = await core.api.listAlerts({ state: ['firing', 'pending'] });
      return page.total === 2 ? page.items : undefined;
    }, 'both rules to be active in Prometheus');
    expect(alerts.find((alert) => alert.name === 'AlwaysFiring')).toMatchObject({
      sourceId: 'prom',
      severity: 'critical',
      state: 'firing',
      service: 'checkout',
      summary: '结账服务错误率过高 / checkout error rate high',
      runbookUrl: 'https://runbooks.example/checkout/errors',
    });
    expect(alerts.find((alert) => alert.name === 'SlowToFire')).toMatchObject({
      severity: 'warning',
      state: 'pending',
      service: 'checkout-worker',
    });
    const overview = await core.api.getOverview();
    expect(overview.firing.critical).toBe(1);
    expect(overview.firing.warning).toBe(0);
    expect(overview.byState.pending).toBe(1);
  });

  it('keeps the same id across polls (the fingerprint is stable)', async () => {
    const first = (await core.api.listAlerts({ q: 'AlwaysFiring' })).items[0]?.id;
    await core.poller.pollNow();
    const second = (await core.api.listAlerts({ q: 'AlwaysFiring' })).items[0]?.id;
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect((await core.api.getAlert({ id: first! }))?.history.map((event) => event.kind)).toEqual([
      'appeared',
    ]);
  });
});
