/**
 * A cache writer for the crash-safety test: applies numbered polls to the cache as fast as it can
 * and prints `committed K` after each commit, until it is killed. Poll K has a size that depends on K,
 * so a half-applied poll would show as a mismatch between the saved status and the stored alerts.
 *   node --import tsx test/support/crash-writer.ts DATA_DIR
 */
import { openCache } from '../../src/cache/index.js';
import { SEVERITIES, alertId } from '../../src/domain/index.js';
import type { AlertRecord, Snapshot, SourceStatus } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';

export const CRASH_SOURCE_ID = 'crash';
export const CRASH_EPOCH_MS = Date.parse('2026-01-01T00:00:00Z');

/** How many alerts poll K holds (varies so partial writes are detectable). */
export function alertCountOf(poll: number): number {
  return 1500 + ((poll * 7919) % 1000);
}

function recordsOf(poll: number): AlertRecord[] {
  const count = alertCountOf(poll);
  const records: AlertRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    // Every poll changes about a tenth of the alerts (severity and summary), the rest stay.
    const changed = (index + poll) % 10 === 0;
    const fingerprint = index.toString(16).padStart(16, '0');
    const severity = SEVERITIES[(index + (changed ? poll : 0)) % SEVERITIES.length] ?? 'warning';
    records.push({
      id: alertId(CRASH_SOURCE_ID, fingerprint),
      sourceId: CRASH_SOURCE_ID,
      fingerprint,
      name: `Rule${index % 250}`,
      severity,
      state: 'firing',
      startsAt: new Date(CRASH_EPOCH_MS).toISOString(),
      updatedAt: new Date(CRASH_EPOCH_MS + poll * 1000).toISOString(),
      summary: changed ? `changed in poll ${poll}` : `alert ${index}`,
      description: 'x'.repeat(200),
      labels: {
        alertname: `Rule${index % 250}`,
        severity,
        cluster: `c${index % 12}`,
        instance: `i-${index}`,
      },
      annotations: { summary: `alert ${index}` },
      silencedBy: [],
      inhibitedBy: [],
      receivers: ['default'],
    });
  }
  return records;
}

export function pollNumberOf(status: SourceStatus | undefined): number {
  return status?.lastSuccessAt ? (Date.parse(status.lastSuccessAt) - CRASH_EPOCH_MS) / 1000 : 0;
}

function main(dataDir: string): void {
  const { cache } = openCache(dataDir, { logger: silentLogger });
  const previous = cache.sources.list().find((status) => status.sourceId === CRASH_SOURCE_ID);
  for (let poll = pollNumberOf(previous) + 1; ; poll += 1) {
    const takenAt = new Date(CRASH_EPOCH_MS + poll * 1000).toISOString();
    const alerts = recordsOf(poll);
    const snapshot: Snapshot = { sourceId: CRASH_SOURCE_ID, takenAt, alerts };
    const status: SourceStatus = {
      sourceId: CRASH_SOURCE_ID,
      state: 'ok',
      lastSuccessAt: takenAt,
      consecutiveFailures: 0,
      itemCount: alerts.length,
    };
    cache.applyPoll(status, { alerts: snapshot });
    process.stdout.write(`committed ${poll}\n`);
  }
}

if (process.argv[2]) main(process.argv[2]);
