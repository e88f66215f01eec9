import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCockpitCore } from '../../../src/core.js';
import type { CockpitCore } from '../../../src/core.js';
import { demoConfig, startDemoSources } from '../../../src/demo/index.js';
import { systemClock } from '../../../src/domain/index.js';
import { silentLogger } from '../../../src/logger.js';

describe('the demo estate’s runbooks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-runbooks-'));
  let core: CockpitCore | undefined;
  afterAll(async () => {
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an alert’s runbook opens from the vault, and still opens after the demo wiki is stopped', async () => {
    const config = demoConfig({ alerts: 200 });
    const demo = await startDemoSources(config.sources, systemClock);
    core = await createCockpitCore({
      config: { ...config, sources: demo.sources },
      dataDir,
      logger: silentLogger,
      demos: demo.demos,
    });
    await core.poller.pollNow('demo');
    // Prefetch takes at most 100 URLs a round (politeness): a few rounds reach every alert's page.
    let alert: Awaited<ReturnType<typeof core.api.listAlerts>>['items'][number] | undefined;
    let linked: Awaited<ReturnType<typeof core.api.getAlertRunbooks>>['items'][number] | undefined;
    for (let round = 0; round < 5 && linked?.reason !== 'runbook_url'; round++) {
      await core.poller.pollNow('runbooks');
      for (const one of (await core.api.listAlerts({})).items.filter((item) => item.runbookUrl)) {
        const first = (await core.api.getAlertRunbooks({ id: one.id })).items[0];
        alert = one;
        linked = first;
        if (first?.reason === 'runbook_url') break;
      }
    }
    expect(alert).toBeDefined();
    expect(linked?.reason).toBe('runbook_url');
    expect(linked?.runbook.location).toBe(alert!.runbookUrl);
    const online = await core.api.getRunbook({ id: linked!.runbook.id });
    expect(online.contentStatus).toBe('fresh');

    // 磁盘 finds the disk runbooks of the folder (a two-character Chinese query).
    const disk = await core.api.listRunbooks({ q: '磁盘' });
    expect(disk.items.map((item) => item.title)).toEqual(
      expect.arrayContaining(['磁盘已满处理预案', 'Disk full on a node']),
    );
    // Two of the folder's runbooks were not drilled for a year.
    const stale = await core.api.listRunbooks({ stale: 'true', limit: 500 });
    expect(stale.items.map((item) => item.title)).toEqual(
      expect.arrayContaining([
        '支付发布回滚 Rollback payments release',
        '登录降级 Degrade login to password only',
      ]),
    );

    await demo.demos[0]!.closeRunbooks();
    await core.stop();
    // A restart with the wiki gone: the cached revision is what opens.
    core = await createCockpitCore({
      config: { ...config, sources: demo.sources },
      dataDir,
      logger: silentLogger,
    });
    const offline = await core.api.getRunbook({ id: linked!.runbook.id });
    expect(offline.html).toBe(online.html);
    expect(offline.revision).toBe(online.revision);
    expect((await core.api.getAlertRunbooks({ id: alert!.id })).items[0]?.runbook.id).toBe(
      linked!.runbook.id,
    );
    await demo.close();
  }, 60_000);
});
