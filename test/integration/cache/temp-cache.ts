import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { alertFilterSchema } from '../../../src/api/contract.js';
import type { AlertFilter, AlertFilterInput } from '../../../src/api/contract.js';
import { openCache } from '../../../src/cache/index.js';
import type { Cache, OpenedCache } from '../../../src/cache/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { Logger } from '../../../src/logger.js';

/** A fresh data folder per test, and every cache opened in it closed afterwards. */
export function useTempDataDir(): Readonly<{ dir: () => string; open: (logger?: Logger) => OpenedCache }> {
  let dir = '';
  const opened: Cache[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-cache-'));
  });
  afterEach(() => {
    for (const cache of opened.splice(0)) cache.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    open: (logger = silentLogger) => {
      const result = openCache(dir, { logger });
      opened.push(result.cache);
      return result;
    },
  };
}

/** The filter as the api hands it to the cache, defaults applied. */
export function filter(input: AlertFilterInput = {}): AlertFilter {
  return alertFilterSchema.parse(input);
}
