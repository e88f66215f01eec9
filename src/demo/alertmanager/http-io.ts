/** Small HTTP helpers for the demo servers: JSON bodies in and out, streamed arrays, query booleans. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AmHttpError, openApiError } from './am-errors.js';

/** Bodies larger than this are refused; the cockpit never sends more than a few KB. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Sends a complete JSON (or other) body. */
export function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** Waits until the socket wants more data or is gone, leaving no listeners behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');

/**
 * Streams a JSON array in batches, waiting for the socket to drain, so 100 000 alerts never become one
 * giant string. `toJson` returns each item's UTF-8 JSON. Stops quietly if the client goes away.
 */
export async function streamJsonArray<T>(
  res: ServerResponse,
  items: readonly T[],
  toJson: (item: T) => Buffer,
  batchSize = 1000,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  for (let start = 0; start < items.length; start += batchSize) {
    if (res.destroyed) return;
    const parts: Buffer[] = [];
    for (const item of items.slice(start, start + batchSize)) parts.push(COMMA, toJson(item));
    parts[0] = start === 0 ? OPEN : COMMA;
    if (!res.write(Buffer.concat(parts))) await drainedOrClosed(res);
  }
  res.end(items.length === 0 ? '[]' : ']');
}

function mediaType(req: IncomingMessage): string {
  const header = req.headers['content-type'] ?? 'application/octet-stream';
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/** Reads a JSON request body the way go-openapi does: 415 unless application/json, 400 if unparsable. */
export async function readJsonBody(req: IncomingMessage, what: string): Promise<unknown> {
  const type = mediaType(req);
  if (type !== 'application/json') {
    throw openApiError(
      415,
      `unsupported media type ${JSON.stringify(type)}, only [application/json] are allowed`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new AmHttpError(413, JSON.stringify({ code: 413, message: 'request body too large' }));
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = text.trim() === '' ? 'EOF' : error instanceof Error ? error.message : String(error);
    throw openApiError(400, `parsing ${what} body from "" failed, because ${reason}`);
  }
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'ok', 'y', 'on', 'selected', 'checked', 't', 'enabled']);

/** go-openapi's boolean query parameter: absent → the default, known true words → true, anything else → false. */
export function booleanParam(params: URLSearchParams, name: string, fallback = true): boolean {
  const value = params.get(name);
  if (value === null) return fallback;
  return TRUE_WORDS.has(value.trim().toLowerCase());
}
