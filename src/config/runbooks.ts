import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RUNBOOK_MAX_AGE_DAYS } from '../domain/index.js';
import type { HttpAuth } from '../http/types.js';
import { expecting } from './messages.js';
import { authSchema, duration, httpUrl } from './source-base.js';

const DAY_MS = 86_400_000;

/** `runbooks:` as written in cockpit.yaml. */
export const runbooksConfigSchema = z.strictObject({
  /** Folders of markdown runbooks (often a git checkout), relative to cockpit.yaml. */
  folders: z
    .array(z.string({ error: expecting('a folder path such as ./runbooks') }).min(1))
    .max(50)
    .default([]),
  /** Fetch every `runbook_url` of the cached alerts into the vault. */
  prefetch: z.boolean({ error: expecting('true or false') }).default(true),
  /** Shelf life: a runbook not drilled or reviewed for this long is flagged (预案有保鲜期). */
  maxAge: duration(DAY_MS, 3650 * DAY_MS, '90d').prefault(`${DEFAULT_RUNBOOK_MAX_AGE_DAYS}d`),
  /** How often folders are rescanned and due pages fetched. */
  interval: duration(5000, DAY_MS, '5m').prefault('5m'),
  /** How old a fetched page may get before it is asked again (conditionally). */
  refresh: duration(60_000, 30 * DAY_MS, '1h').prefault('1h'),
  /** The largest page or markdown file accepted. */
  maxPageSize: z
    .string()
    .regex(/^\d+(KB|MB)$/, 'write a size like 5MB')
    .default('5MB'),
  /**
   * Fetch a URL prefix from somewhere else (a mirror or a proxy reachable when the wiki is not):
   * `{ "https://wiki.example/": "https://wiki-mirror.example/" }`. The runbook keeps its own URL.
   */
  fetchFrom: z.record(httpUrl, httpUrl).default({}),
  /** Credentials per host (exact, or `*.example.com`), sent only to that host. */
  auth: z
    .array(
      z.strictObject({
        host: z
          .string()
          .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i, 'a host like wiki.example.com or *.example.com'),
        credentials: authSchema,
      }),
    )
    .max(100)
    .default([]),
});

export type RunbooksConfigFile = z.output<typeof runbooksConfigSchema>;

/** `runbooks:` after defaults, folders resolved: what the `runbooks` source reads. */
export type RunbookSettings = Readonly<{
  folders: readonly string[];
  prefetch: boolean;
  maxAgeMs: number;
  intervalMs: number;
  refreshMs: number;
  maxPageBytes: number;
  fetchFrom: readonly (readonly [string, string])[];
  auth: readonly Readonly<{ host: string; auth: HttpAuth }>[];
}>;

/** Settings from the file's `runbooks:`, folders resolved against `baseDir` (cockpit.yaml's folder). */
export function runbookSettings(file: RunbooksConfigFile, baseDir: string): RunbookSettings {
  const size = /^(\d+)(KB|MB)$/.exec(file.maxPageSize);
  const maxPageBytes = size ? Number(size[1]) * (size[2] === 'KB' ? 1024 : 1024 ** 2) : 5 * 1024 ** 2;
  return {
    folders: file.folders.map((folder) => (isAbsolute(folder) ? folder : resolve(baseDir, folder))),
    prefetch: file.prefetch,
    maxAgeMs: file.maxAge,
    intervalMs: file.interval,
    refreshMs: file.refresh,
    maxPageBytes,
    fetchFrom: Object.entries(file.fetchFrom),
    auth: file.auth.map((entry) => ({ host: entry.host.toLowerCase(), auth: entry.credentials })),
  };
}
