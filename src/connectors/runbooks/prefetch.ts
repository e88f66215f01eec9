import type { RunbookBatch, RunbookDocument, RunbookValidators } from '../../domain/index.js';
import type { RunbookSettings } from '../../config/runbooks.js';
import { HttpError } from '../../http/errors.js';
import type { HttpAuth, IHttpClient } from '../../http/types.js';
import { contentRevision, documentOf, FrontMatterError, runbookId, splitFrontMatter } from './document.js';
import { imageSources, markdownToHtml, readablePart, renderMarkdown, sanitizeRunbookHtml } from './render.js';

/** Politeness: at most this many requests in flight to one host, and this many hosts at once. */
export const PER_HOST_IN_FLIGHT = 2;
const HOSTS_IN_FLIGHT = 8;
/** At most this many pages asked per poll (the rest wait for the next one). */
export const MAX_FETCHES_PER_POLL = 100;
/** After a failure a page is asked again after this long, not at every poll. */
const RETRY_FAILED_MS = 5 * 60_000;
const PAGE_TIMEOUT_MS = 15_000;
const MAX_IMAGES = 12;
const MAX_IMAGE_BYTES = 1024 * 1024;
const MAX_IMAGES_BYTES = 4 * 1024 * 1024;

const TEXT_TYPES = /^(text\/html|application\/xhtml\+xml|text\/markdown|text\/x-markdown|text\/plain)$/;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;

export type PrefetchState = { lastAttemptMs: Map<string, number> };

type Outcome = Pick<RunbookBatch, 'documents' | 'confirmed' | 'failed'>;

/** The URL a runbook is fetched from: its own, or a mirror's (`runbooks.fetchFrom`). */
export function fetchUrlOf(url: string, settings: RunbookSettings): string {
  for (const [from, to] of settings.fetchFrom) if (url.startsWith(from)) return to + url.slice(from.length);
  return url;
}

/** The configured credentials for a host: an exact host, or a `*.suffix` pattern. */
function authFor(url: string, settings: RunbookSettings): HttpAuth | undefined {
  const { host, hostname } = new URL(url);
  for (const entry of settings.auth) {
    if (entry.host === host || entry.host === hostname) return entry.auth;
    if (entry.host.startsWith('*.') && hostname.endsWith(entry.host.slice(1))) return entry.auth;
  }
  return undefined;
}

/** Text from bytes in the charset the answer declares (header, then <meta>), UTF-8 by default. */
export function decodePage(body: Buffer, contentType: string): string {
  const header = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1];
  const head = body.subarray(0, 2048).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  const charset = (header ?? meta ?? 'utf-8').toLowerCase();
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new Error(`declares the unknown charset "${charset}"`);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw new Error(`is not valid ${charset.toUpperCase()} text`);
  }
}

async function fetchImages(
  http: IHttpClient,
  html: string,
  pageUrl: string,
  settings: RunbookSettings,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  let total = 0;
  for (const src of imageSources(html).slice(0, MAX_IMAGES)) {
    let url: URL;
    try {
      url = new URL(src, pageUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    try {
      const target = fetchUrlOf(url.href, settings);
      const auth = authFor(target, settings);
      const response = await http.request({
        url: target,
        timeoutMs: PAGE_TIMEOUT_MS,
        maxBytes: MAX_IMAGE_BYTES,
        ...(auth ? { auth } : {}),
        signal,
      });
      const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (response.status !== 200 || !IMAGE_TYPES.test(type)) continue;
      if (total + response.body.length > MAX_IMAGES_BYTES) break;
      total += response.body.length;
      images.set(src, `data:${type};base64,${response.body.toString('base64')}`);
    } catch {
      // An image that cannot be had stays its alt text; the runbook is still whole in words.
    }
  }
  return images;
}

/** One page: 304 → confirmed; 200 → a document (or confirmed when the content is the same); else a failure. */
async function fetchOne(
  http: IHttpClient,
  url: string,
  settings: RunbookSettings,
  known: RunbookValidators | undefined,
  nowIso: string,
  signal: AbortSignal,
): Promise<Outcome> {
  const id = runbookId('url', url);
  const failed = (problem: string): Outcome => ({
    documents: [],
    confirmed: [],
    failed: [{ id, source: 'url', location: url, problem: `runbook ${url}: ${problem}` }],
  });
  const target = fetchUrlOf(url, settings);
  const auth = authFor(target, settings);
  const conditional = known && known.revision !== '';
  let response;
  try {
    response = await http.request({
      url: target,
      timeoutMs: PAGE_TIMEOUT_MS,
      maxBytes: settings.maxPageBytes,
      headers: {
        accept: 'text/markdown, text/html;q=0.9, text/plain;q=0.5',
        ...(conditional && known.etag ? { 'if-none-match': known.etag } : {}),
        ...(conditional && known.lastModified ? { 'if-modified-since': known.lastModified } : {}),
      },
      ...(auth ? { auth } : {}),
      signal,
    });
  } catch (error) {
    return failed(error instanceof HttpError ? error.message : `could not be fetched (${String(error)})`);
  }
  if (response.status === 304 && conditional)
    return { documents: [], confirmed: [{ id, fetchedAt: nowIso }], failed: [] };
  if (response.status !== 200)
    return failed(`GET answered HTTP ${response.status}; the cached revision (if any) stays readable`);
  const contentType = response.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!TEXT_TYPES.test(type) || response.body.subarray(0, 4096).includes(0)) {
    return failed(
      `is ${type || 'of no declared type'}, not a web page or markdown; point runbook_url at the page itself`,
    );
  }
  let text: string;
  try {
    text = decodePage(response.body, contentType);
  } catch (error) {
    return failed(
      `${error instanceof Error ? error.message : String(error)}; the page cannot be read as text`,
    );
  }
  const etag = response.headers.etag;
  const lastModified = response.headers['last-modified'];
  const revision = etag ?? contentRevision(text);
  if (known && known.revision === revision)
    return { documents: [], confirmed: [{ id, fetchedAt: nowIso }], failed: [] };
  const fallbackTitle = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? url;
  const common = {
    source: 'url' as const,
    location: url,
    revision,
    fetchedAt: nowIso,
    updatedAt:
      lastModified && Number.isFinite(Date.parse(lastModified))
        ? new Date(Date.parse(lastModified)).toISOString()
        : nowIso,
    fallbackTitle,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
  let document: RunbookDocument;
  try {
    if (type === 'text/html' || type === 'application/xhtml+xml') {
      const readable = readablePart(text);
      const images = await fetchImages(http, readable.html, response.url, settings, signal);
      const rendered = sanitizeRunbookHtml(readable.html, { baseUrl: url, images });
      document = documentOf({
        ...common,
        format: 'html',
        body: rendered.plain,
        front: { services: [], alerts: [], ...(readable.title ? { title: readable.title } : {}) },
        rendered,
      });
    } else {
      const { front, body } = splitFrontMatter(text);
      const images = await fetchImages(http, markdownToHtml(body), response.url, settings, signal);
      document = documentOf({
        ...common,
        format: 'markdown',
        body,
        front,
        rendered: renderMarkdown(body, { baseUrl: url, images }),
      });
    }
  } catch (error) {
    return failed(
      error instanceof FrontMatterError ? error.message : `could not be rendered (${String(error)})`,
    );
  }
  return { documents: [document], confirmed: [], failed: [] };
}

/** Runs `work` over `items`, `limit` at a time. */
async function eachLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Fetches the due runbook URLs: never more than PER_HOST_IN_FLIGHT at once to one host, a page
 * asked again only after `refresh` (conditionally) or, after a failure, after a few minutes.
 */
export async function prefetch(
  http: IHttpClient,
  urls: readonly string[],
  settings: RunbookSettings,
  validators: (id: string) => RunbookValidators | undefined,
  state: PrefetchState,
  nowMs: number,
  signal: AbortSignal,
): Promise<Outcome & Readonly<{ attempted: number }>> {
  const due = urls
    .filter((url) => {
      const known = validators(runbookId('url', url));
      const attempted = state.lastAttemptMs.get(url);
      if (attempted !== undefined && nowMs - attempted < RETRY_FAILED_MS) return false;
      return !known || known.revision === '' || nowMs - known.fetchedAtMs >= settings.refreshMs;
    })
    .slice(0, MAX_FETCHES_PER_POLL);
  const byHost = new Map<string, string[]>();
  for (const url of due) {
    const host = new URL(fetchUrlOf(url, settings)).host;
    byHost.set(host, [...(byHost.get(host) ?? []), url]);
  }
  const outcome = {
    documents: [] as RunbookDocument[],
    confirmed: [] as Outcome['confirmed'][number][],
    failed: [] as Outcome['failed'][number][],
  };
  const nowIso = new Date(nowMs).toISOString();
  await eachLimit([...byHost.values()], HOSTS_IN_FLIGHT, (hostUrls) =>
    eachLimit(hostUrls, PER_HOST_IN_FLIGHT, async (url) => {
      const one = await fetchOne(http, url, settings, validators(runbookId('url', url)), nowIso, signal);
      state.lastAttemptMs.set(url, nowMs);
      outcome.documents.push(...one.documents);
      outcome.confirmed.push(...one.confirmed);
      outcome.failed.push(...one.failed);
    }),
  );
  return { ...outcome, attempted: due.length };
}
