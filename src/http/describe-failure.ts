import { HttpError } from './errors.js';

/** What the request was doing when it failed; timeout sentences name it so people know where to look. */
export type RequestPhase = 'connecting' | 'waiting for the response headers' | 'reading the response body';

const TLS_HINT =
  'configure tls.caFile for this source with the CA that signed the server certificate ' +
  '(or, knowingly, set tls.insecureSkipVerify: true)';

// Certificate problems that a CA file (or insecureSkipVerify) fixes; node reports them as error codes.
const CERTIFICATE_PROBLEMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed",
    SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate chain ends in a self-signed CA that is not trusted",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate is signed by a CA that is not trusted",
    UNABLE_TO_GET_ISSUER_CERT: "the server's certificate is signed by a CA that is not trusted",
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the server's certificate is signed by a CA that is not trusted",
    CERT_UNTRUSTED: "the server's certificate is not trusted",
    CERT_REJECTED: "the server's certificate was rejected",
    CERT_SIGNATURE_FAILURE: "the server's certificate has an invalid signature",
    CERT_HAS_EXPIRED: "the server's certificate has expired",
    CERT_NOT_YET_VALID: "the server's certificate is not valid yet (check this machine's clock)",
    INVALID_CA: 'a CA certificate in the chain is not valid as a CA',
  }),
);

const CONNECT_PROBLEMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ECONNREFUSED: 'connection refused (is the server running and listening on that port?)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'the operating system gave up connecting',
    EADDRNOTAVAIL: 'the address is not available on this machine',
  }),
);

function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  if ('code' in error && typeof error.code === 'string') return error.code;
  // Happy-eyeballs connects (autoSelectFamily) fail with an AggregateError of per-address errors.
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return undefined;
}

/** `host:port` with the port always shown, since "could not connect to x" is about a port. */
export function hostAndPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/**
 * Turns a node socket, TLS or parser error into an HttpError sentence. Node's own message is never
 * copied: the code is enough, and it keeps anything the request carried out of the sentence.
 */
export function describeTransportError(
  error: unknown,
  label: string,
  url: URL,
  phase: RequestPhase,
): HttpError {
  const code = errorCode(error);
  const where = hostAndPort(url);
  if (code === undefined)
    return new HttpError('connection', `${label} failed: ${where} could not be reached`);

  const certificateProblem = CERTIFICATE_PROBLEMS.get(code);
  if (certificateProblem) {
    return new HttpError(
      'tls',
      `${label} failed TLS verification: ${certificateProblem} (${code}); ${TLS_HINT}`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new HttpError(
      'tls',
      `${label} failed TLS verification: the server's certificate is not issued for "${url.hostname}" (${code}); ` +
        "use a host name the certificate names in the source's url (tls.caFile cannot fix a name mismatch), " +
        'or, knowingly, set tls.insecureSkipVerify: true',
    );
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
    return new HttpError(
      'tls',
      `${label} failed: the TLS handshake with ${where} failed (${code}); check that this port speaks https`,
    );
  }

  const connectProblem = CONNECT_PROBLEMS.get(code);
  if (connectProblem)
    return new HttpError('connection', `${label} failed: could not connect to ${where}: ${connectProblem}`);
  if (code === 'ENOTFOUND') {
    return new HttpError(
      'connection',
      `${label} failed: the host name "${url.hostname}" could not be resolved (DNS)`,
    );
  }
  if (code === 'EAI_AGAIN') {
    return new HttpError('connection', `${label} failed: DNS lookup of "${url.hostname}" failed temporarily`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    const when =
      phase === 'reading the response body' ? 'while the response body was arriving' : 'before it answered';
    return new HttpError('connection', `${label} failed: ${where} closed the connection ${when} (${code})`);
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new HttpError(
      'too-large',
      `${label} failed: the response headers from ${where} are larger than 16 KB`,
    );
  }
  if (code.startsWith('HPE_')) {
    return new HttpError('connection', `${label} failed: ${where} did not answer with valid HTTP (${code})`);
  }
  if (
    code === 'ERR_INVALID_CHAR' ||
    code === 'ERR_INVALID_HTTP_TOKEN' ||
    code.startsWith('ERR_HTTP_INVALID_HEADER')
  ) {
    return new HttpError(
      'invalid-url',
      `${label} could not be sent: a request header has an invalid name or value (${code}); check the headers and auth for this source`,
    );
  }
  return new HttpError('connection', `${label} failed: the connection to ${where} failed (${code})`);
}
