import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import type { SourceConfigOf } from '../../../src/config/schema.js';
import { icalConnector } from '../../../src/connectors/ical/index.js';
import { createHttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';

const NOW = Date.parse('2026-12-02T00:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'cockpit-ical-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function poll(file: string) {
  const source = parseConfig(
    `sources:\n  - { id: big, kind: ical, file: ${file}, window: { past: 1d, ahead: 14d } }\n`,
    join(scratch, 'cockpit.yaml'),
    {},
  ).sources[0] as SourceConfigOf<'ical'>;
  const ctx = {
    source,
    http: createHttpClient(),
    clock: { now: () => NOW },
    logger: silentLogger,
    signal: new AbortController().signal,
  };
  return (await icalConnector.poll(ctx, icalConnector.createState(source))).changes;
}

// A stress test of the parser, here rather than in unit/: integration files run one at a time.
describe('kind: ical at size', () => {
  it('reads a calendar of 50 000 events', { timeout: 60_000 }, async () => {
    const events = Array.from(
      { length: 50_000 },
      (_, index) =>
        `BEGIN:VEVENT\r\nUID:e${index}\r\nDTSTART:20261203T${String(index % 24).padStart(2, '0')}0000Z\r\nDURATION:PT5M\r\nSUMMARY:[svc-${index % 50}] deploy ${index}\r\nCATEGORIES:DEPLOY\r\nEND:VEVENT\r\n`,
    );
    const file = join(scratch, 'many.ics');
    writeFileSync(file, `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${events.join('')}END:VCALENDAR\r\n`);
    const batch = await poll(file);
    expect(batch?.changes).toHaveLength(50_000);
    expect(batch?.changes[49_999]).toMatchObject({ services: ['svc-49'], kind: 'release' });
  });
});
