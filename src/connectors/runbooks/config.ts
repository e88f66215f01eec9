import { z } from 'zod';
import type { BaseSourceConfig } from '../../config/source-base.js';
import type { RunbookSettings } from '../../config/runbooks.js';
import type { CockpitConfig, SourceConfig } from '../../config/schema.js';
import type { RuleSource } from './rules.js';

/** The host the demo estate's alerts name in their runbook_url (src/demo/estate/demo-alert.ts). */
export const DEMO_RUNBOOK_PREFIX = 'https://runbooks.demo.example/';

/** The id of the source that scans runbook folders and prefetches `runbook_url`s. */
export const RUNBOOKS_SOURCE_ID = 'runbooks';

/**
 * The `runbooks` source: not written under `sources:` but made from the `runbooks:` key. Its status
 * is the vault's: folders scanned and pages fetched on its own interval, with its own backoff.
 */
export type RunbooksSourceConfig = BaseSourceConfig &
  Readonly<{
    kind: 'runbooks';
    runbooks: RunbookSettings;
    /** The Prometheus sources whose alerting rules' runbook_urls are prefetched too. */
    ruleSources: readonly RuleSource[];
  }>;

/** `kind: runbooks` under `sources:` is refused: the vault is configured under `runbooks:`. */
export const refusedRunbooksSourceSchema = z
  .strictObject({ kind: z.literal('runbooks') })
  .refine(() => false, {
    message: 'runbooks are configured under the top-level runbooks: key, not as a source; move it there',
    abort: true,
  })
  .transform((): RunbooksSourceConfig => {
    throw new Error('unreachable: kind: runbooks sources are refused above');
  });

/** The `runbooks` source for a config with `runbooks:`; undefined without. */
export function runbooksSourceFor(
  config: CockpitConfig,
  sources: readonly SourceConfig[],
): RunbooksSourceConfig | undefined {
  const configured = config.runbooks;
  if (!configured) return undefined;
  // A demo estate serves its wiki on a loopback port: its alerts' runbook URLs are fetched from there.
  const demoWiki = sources.flatMap((source) => (source.kind === 'demo' ? source.runbooksUrls : []))[0];
  const settings = demoWiki
    ? { ...configured, fetchFrom: [...configured.fetchFrom, [DEMO_RUNBOOK_PREFIX, demoWiki] as const] }
    : configured;
  return {
    id: RUNBOOKS_SOURCE_ID,
    kind: 'runbooks',
    name: 'Runbooks',
    urls: [],
    intervalMs: settings.intervalMs,
    // A first scan of a large folder and a round of pages at a polite pace need room.
    timeoutMs: 120_000,
    tls: { insecureSkipVerify: false },
    maxBytes: settings.maxPageBytes,
    runbooks: settings,
    ruleSources: sources.flatMap((source) =>
      source.kind === 'prometheus'
        ? [
            {
              sourceId: source.id,
              urls: source.urls,
              ...(source.auth ? { auth: source.auth } : {}),
              tls: source.tls,
              timeoutMs: source.timeoutMs,
              maxBytes: source.maxBytes,
            },
          ]
        : [],
    ),
  };
}
