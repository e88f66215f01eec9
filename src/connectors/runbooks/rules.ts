/**
 * The `runbook_url`s of the alerting rules a Prometheus source reports (`GET /api/v1/rules`), so a
 * runbook is in the vault before its alert first fires. Asked with that source's own auth, TLS,
 * deadline and byte cap (credentials never go to another source); the first of its HA URLs that
 * answers is enough, since replicas load the same rule files. A source that cannot be asked is a
 * sentence for the log: the alerts' own URLs are still fetched.
 */
import { z } from 'zod';
import type { BaseSourceConfig } from '../../config/source-base.js';
import type { IHttpClient } from '../../http/types.js';
import { joinUrl } from '../common/fetch-json.js';
import { safeHttpUrl } from '../common/map-labels.js';

/** A Prometheus source whose rules are read: its id and HTTP settings, as configured. */
export type RuleSource = Readonly<{ sourceId: string }> &
  Pick<BaseSourceConfig, 'urls' | 'auth' | 'tls' | 'timeoutMs' | 'maxBytes'>;

/** A rule list is read within this deadline and size, whatever the source allows for its alerts. */
const RULES_TIMEOUT_MS = 15_000;
const RULES_MAX_BYTES = 16 * 1024 * 1024;

/** `GET /api/v1/rules?type=alert` (Prometheus docs/querying/api.md, "Rules"); other fields ignored. */
const rulesResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    groups: z.array(
      z.object({
        rules: z.array(
          z.object({
            type: z.string(),
            annotations: z.record(z.string(), z.string()).optional(),
          }),
        ),
      }),
    ),
  }),
});

/** The distinct http(s) runbook URLs of the alerting rules in one `/api/v1/rules` answer. */
export function runbookUrlsOfRules(answer: unknown): string[] {
  const parsed = rulesResponseSchema.parse(answer);
  const urls = new Set<string>();
  for (const group of parsed.data.groups) {
    for (const rule of group.rules) {
      if (rule.type !== 'alerting') continue;
      // The same annotations the alert mapping reads (src/connectors/prometheus/index.ts).
      const url = safeHttpUrl(rule.annotations?.runbook_url ?? rule.annotations?.runbook);
      if (url) urls.add(url);
    }
  }
  return [...urls];
}

async function askOne(
  http: IHttpClient,
  source: RuleSource,
  base: string,
  signal: AbortSignal,
): Promise<string[]> {
  const url = joinUrl(base, '/api/v1/rules?type=alert');
  const response = await http.request({
    url,
    timeoutMs: Math.min(source.timeoutMs, RULES_TIMEOUT_MS),
    maxBytes: Math.min(source.maxBytes, RULES_MAX_BYTES),
    headers: { accept: 'application/json' },
    ...(source.auth ? { auth: source.auth } : {}),
    tls: { ca: source.tls.ca, insecureSkipVerify: source.tls.insecureSkipVerify },
    signal,
  });
  if (response.status !== 200) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  let answer: unknown;
  try {
    answer = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new Error(`GET ${url} did not answer JSON`);
  }
  try {
    return runbookUrlsOfRules(answer);
  } catch {
    throw new Error(`GET ${url} did not answer a Prometheus rule list`);
  }
}

/**
 * The runbook URLs of every rule source, at most `limit`, and a sentence per source that could not
 * be asked at any of its URLs.
 */
export async function ruleRunbookUrls(
  http: IHttpClient,
  sources: readonly RuleSource[],
  limit: number,
  signal: AbortSignal,
): Promise<Readonly<{ urls: string[]; problems: string[] }>> {
  const answers = await Promise.all(
    sources.map(async (source) => {
      let last = 'it has no URL';
      for (const base of source.urls) {
        try {
          return { urls: await askOne(http, source, base, signal) };
        } catch (error) {
          last = error instanceof Error ? error.message : String(error);
        }
      }
      return {
        urls: [],
        problem: `source "${source.sourceId}": its rules' runbook_urls could not be read (${last}); the runbooks of its firing alerts are still fetched`,
      };
    }),
  );
  const urls = new Set<string>();
  for (const answer of answers) for (const url of answer.urls) if (urls.size < limit) urls.add(url);
  return {
    urls: [...urls],
    problems: answers.flatMap((answer) => (answer.problem === undefined ? [] : [answer.problem])),
  };
}
