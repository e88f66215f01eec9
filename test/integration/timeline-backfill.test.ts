/**
 * Issue 9: after a fresh start the war-room chart was six flat hours while cards said "for 6d". The
 * span before the cockpit's first record is filled from a real Prometheus's ALERTS history (written
 * into its TSDB by promtool before it starts), and stays shaded with a sentence when it cannot be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createCockpitCore } from '../../src/core.js';
import type { CockpitCore } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { requireBinary } from '../support/binaries.js';
import { freePort } from '../support/processes.js';
import { PROMETHEUS_BINARY } from '../support/prometheus.js';
import {
  openMetricsText,
  PROMTOOL_BINARY,
  startPrometheusWithHistory,
} from '../support/prometheus-history.js';

const prometheusThere = requireBinary(PROMETHEUS_BINARY, 'prometheus').available;
const promtoolThere = requireBinary(PROMTOOL_BINARY, 'prometheus (promtool)').available;

const MINUTE = 60_000;
const HOURS = 6;
const BUCKET_MINUTES = 5;
const now = Date.now();
const minutes = Array.from(
  { length: 8 * 60 },
  (_, index) => Math.floor(now / MINUTE) * MINUTE - (8 * 60 - index) * MINUTE,
);
/** Two critical alerts fired from 5 h to 3 h ago; a warning fired all along; one `page` (mapped) in the last 2 h. */
const firingBetween = (fromAgo: number, toAgo: number) =>
  minutes.filter((at) => at >= now - fromAgo && at < now - toAgo);
const ALERTS = [
  { name: 'DbDown', severity: 'critical', from: 5 * 60 * MINUTE, to: 3 * 60 * MINUTE },
  { name: 'ApiErrors', severity: 'critical', from: 5 * 60 * MINUTE, to: 3 * 60 * MINUTE },
  { name: 'DiskFilling', severity: 'warning', from: 8 * 60 * MINUTE, to: 0 },
  { name: 'QueueStuck', severity: 'page', from: 2 * 60 * MINUTE, to: 0 },
].map((alert) => {
  const times = firingBetween(alert.from, alert.to);
  return {
    family: 'ALERTS',
    type: 'gauge' as const,
    labels: { alertname: alert.name, alertstate: 'firing', severity: alert.severity },
    values: times.map(() => 1),
    times,
  };
});

async function coreFor(url: string, dataDir: string): Promise<CockpitCore> {
  // The severity mapping of the source applies to the history too: `page` is critical here.
  const yaml = [
    'sources:',
    '  - id: prom',
    '    kind: prometheus',
    `    url: ${url}`,
    '    interval: 1h',
    '    severity: { map: { page: critical } }',
  ].join('\n');
  return createCockpitCore({
    config: parseConfig(`${yaml}\n`, 'test.yaml', {}),
    dataDir,
    logger: silentLogger,
  });
}

describe.runIf(prometheusThere && promtoolThere)(
  'the chart before the first record, from a real Prometheus',
  () => {
    let prometheus: Awaited<ReturnType<typeof startPrometheusWithHistory>>;
    const dirs: string[] = [];
    const cores: CockpitCore[] = [];

    beforeAll(async () => {
      prometheus = await startPrometheusWithHistory(openMetricsText(ALERTS, []));
    });
    afterAll(async () => {
      for (const core of cores) await core.stop();
      await prometheus?.dispose();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    const fresh = async (url: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'cockpit-backfill-'));
      dirs.push(dir);
      const core = await coreFor(url, dir);
      cores.push(core);
      return core;
    };

    it('fills the hours before a fresh start from ALERTS, by the source’s severity mapping', async () => {
      const core = await fresh(prometheus.url);
      const timeline = await core.api.getTimeline({ hours: HOURS, bucketMinutes: BUCKET_MINUTES });
      expect(timeline.backfill).toMatchObject({ sourceIds: ['prom'] });
      expect(timeline.historyStartsAt).toBeUndefined();
      expect(timeline.backfillError).toBeUndefined();
      const at = (agoMinutes: number) => {
        const target = now - agoMinutes * MINUTE;
        return timeline.buckets.reduce((best, bucket) =>
          Math.abs(Date.parse(bucket.at) - target) < Math.abs(Date.parse(best.at) - target) ? bucket : best,
        );
      };
      expect(at(4 * 60)).toMatchObject({ critical: 2, high: 0, warning: 1, info: 0 });
      expect(at(150)).toMatchObject({ critical: 0, warning: 1 });
      expect(at(60)).toMatchObject({ critical: 1, warning: 1 });
      // A second answer is the same (kept, not asked again) and still complete.
      const again = await core.api.getTimeline({ hours: HOURS, bucketMinutes: BUCKET_MINUTES });
      expect(again.buckets.filter((bucket) => Date.parse(bucket.at) < now - 10 * MINUTE)).toEqual(
        timeline.buckets.filter((bucket) => Date.parse(bucket.at) < now - 10 * MINUTE),
      );
    });

    it('keeps the span shaded, with the sentence, when Prometheus cannot be asked', async () => {
      const core = await fresh(`http://127.0.0.1:${await freePort()}`);
      const timeline = await core.api.getTimeline({ hours: HOURS, bucketMinutes: BUCKET_MINUTES });
      expect(timeline.backfill).toBeUndefined();
      expect(timeline.historyStartsAt).toBeDefined();
      expect(timeline.backfillError).toMatch(/ALERTS could not be read/);
    });
  },
);
