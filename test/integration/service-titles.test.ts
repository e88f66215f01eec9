/**
 * Service display names (`services:` in cockpit.yaml) reach every answer that names a service: the
 * board's groups, the alert list and an alert's detail, against a real Alertmanager.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createCockpitCore } from '../../src/core.js';
import type { CockpitCore } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { ALERTMANAGER_BINARY, startAlertmanager } from '../support/alertmanager.js';
import type { RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');

describe.runIf(available)('service display names', () => {
  let am: RealAlertmanager;
  let core: CockpitCore;
  let dataDir: string;

  beforeAll(async () => {
    am = await startAlertmanager();
    await am.postAlerts([
      { labels: { alertname: 'PaymentsDown', severity: 'critical', service: 'payment-core' } },
      { labels: { alertname: 'ProtoCheck', severity: 'warning', service: 'constructor' } },
    ]);
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-titles-'));
    const config = parseConfig(
      [
        'sources:',
        `  - { id: am, kind: alertmanager, url: '${am.url}', interval: 1h, timeout: 2s }`,
        'services:',
        '  payment-core: { title: { zh-CN: 支付核心, en: Payment core } }',
        '',
      ].join('\n'),
      'cockpit.yaml',
      {},
    );
    core = await createCockpitCore({ config, dataDir, logger: silentLogger });
    await core.poller.pollNow();
  });
  afterAll(async () => {
    await core?.stop();
    await am?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts the title on the list, the detail and the board, and never one from Object.prototype', async () => {
    const items = (await core.api.listAlerts({ sort: 'name' })).items;
    const payments = items.find((alert) => alert.service === 'payment-core');
    expect(payments?.serviceTitle).toEqual({ 'zh-CN': '支付核心', en: 'Payment core' });
    expect(items.find((alert) => alert.service === 'constructor')?.serviceTitle).toBeUndefined();

    const detail = await core.api.getAlert({ id: payments!.id });
    expect(detail.serviceTitle).toEqual({ 'zh-CN': '支付核心', en: 'Payment core' });

    const board = await core.api.getBoard({});
    const group = board.groups.find((each) => each.service === 'payment-core');
    expect(group?.title).toEqual({ 'zh-CN': '支付核心', en: 'Payment core' });
  });
});
