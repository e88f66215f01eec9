/**
 * Finding 7 of issue 15: alert contents must not be readable by other local users. The data folder
 * is 0700 and the database with its -wal and -shm 0600, for a new folder and for one an older
 * version left 0755 / 0644.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/cache/index.js';
import { silentLogger } from '../../../src/logger.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function writeSomething(dataDir: string) {
  const { cache } = openCache(dataDir, { logger: silentLogger });
  cache.audit.record({
    at: '2026-03-01T00:00:00.000Z',
    method: 'silenceAlert',
    role: 'operator',
    via: 'http',
    target: '{}',
    outcome: 'ok',
  });
  return cache;
}

describe.runIf(process.platform !== 'win32')('the data folder and cache files', () => {
  it('are created 0700 and 0600, even under a permissive umask', () => {
    const root = mkdtempSync(join(tmpdir(), 'cockpit-perms-'));
    dirs.push(root);
    const previous = process.umask(0o022);
    try {
      const dataDir = join(root, 'data');
      const cache = writeSomething(dataDir);
      try {
        expect(modeOf(dataDir)).toBe(0o700);
        for (const file of ['cache.db', 'cache.db-wal', 'cache.db-shm']) {
          expect({ file, mode: modeOf(join(dataDir, file)).toString(8) }).toEqual({ file, mode: '600' });
        }
      } finally {
        cache.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('are tightened when an older version left them readable', () => {
    const root = mkdtempSync(join(tmpdir(), 'cockpit-perms-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    writeSomething(dataDir).close();
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'cache.db'), 0o644);
    writeFileSync(join(dataDir, 'cache.db-wal'), '');
    chmodSync(join(dataDir, 'cache.db-wal'), 0o644);
    const cache = writeSomething(dataDir);
    try {
      expect(modeOf(dataDir).toString(8)).toBe('700');
      for (const file of ['cache.db', 'cache.db-wal', 'cache.db-shm']) {
        expect({ file, mode: modeOf(join(dataDir, file)).toString(8) }).toEqual({ file, mode: '600' });
      }
    } finally {
      cache.close();
    }
  });
});
