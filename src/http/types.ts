/** Credentials for a source, from config. Never logged; never sent to another origin. */
export type HttpAuth =
  | Readonly<{ type: 'bearer'; token: string }>
  | Readonly<{ type: 'basic'; username: string; password: string }>
  | Readonly<{ type: 'header'; name: string; value: string }>;

export type TlsOptions = Readonly<{
  /** PEM contents of extra CA certificates to trust (read from the configured file). */
  ca?: string;
  /** Skip certificate verification. Only when the config says so; the UI shows it. */
  insecureSkipVerify?: boolean;
}>;

export type HttpRequest = Readonly<{
  url: string;
  /** REPORT and PROPFIND are WebDAV's (CalDAV reads a calendar with REPORT, RFC 4791). */
  method?: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'REPORT' | 'PROPFIND';
  headers?: Readonly<Record<string, string>>;
  /** A JSON-serialisable body is sent as application/json. */
  json?: unknown;
  /** A text body with its content type (e.g. a WebDAV XML query); ignored when `json` is given. */
  text?: Readonly<{ contentType: string; body: string }>;
  /** Whole-request deadline: connect, headers and the complete body. */
  timeoutMs: number;
  /** Maximum response body size in bytes. */
  maxBytes: number;
  auth?: HttpAuth;
  tls?: TlsOptions;
  /** Same-origin redirects followed at most this many times (default 3). Cross-origin ones fail. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /**
   * Takes the body as it arrives instead of the client keeping it: called when the final answer's
   * headers arrive; a sink it returns gets every (decompressed) chunk and the response's `body` is
   * then empty, undefined keeps the body as usual. The deadline and byte cap still apply, and a sink
   * that throws ends the request with its error.
   */
  bodySink?: (status: number, headers: Readonly<Record<string, string>>) => BodySink | undefined;
}>;

/** Receives a response body chunk by chunk; see `HttpRequest.bodySink`. */
export type BodySink = Readonly<{ write(chunk: Buffer): void; end(): void }>;

export type HttpResponse = Readonly<{
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  /** The URL that finally answered (after same-origin redirects). */
  url: string;
  /**
   * How long the server asked us to wait (`Retry-After`, or `RateLimit-Reset` on 429/503), capped at
   * one hour; absent when the server did not say.
   */
  retryAfterMs?: number;
}>;

export const HTTP_ERROR_CODES = [
  'timeout',
  'too-large',
  'redirect-refused',
  'too-many-redirects',
  'connection',
  'tls',
  'status',
  'aborted',
  'invalid-url',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** The one client every connector uses; see src/http/client.ts. */
export interface IHttpClient {
  /** Resolves for any HTTP status; rejects with an HttpError for transport failures. */
  request(request: HttpRequest): Promise<HttpResponse>;
}
