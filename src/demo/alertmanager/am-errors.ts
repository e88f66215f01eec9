/**
 * Errors worded and shaped the way Alertmanager 0.25+ sends them, so clients (the cockpit's connector)
 * meet the same bodies they will meet in production: go-openapi's `{"code","message"}` for schema and
 * routing failures, a bare JSON string for the handlers' own 400/404/500.
 */

/** A request failure with the exact status and body to send. */
export class AmHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body);
    this.name = 'AmHttpError';
  }
}

/** go-openapi style: `{"code":602,"message":"matchers in body is required"}`, status 422 for codes ≥ 600. */
export function openApiError(code: number, message: string): AmHttpError {
  return new AmHttpError(code >= 600 ? 422 : code, JSON.stringify({ code, message }));
}

/** A handler's own failure: the message as a JSON string and a newline. */
export function handlerError(status: number, message: string): AmHttpError {
  return new AmHttpError(status, `${JSON.stringify(message)}\n`);
}

/** go-openapi's validation codes. */
export const REQUIRED = 602;
export const INVALID_TYPE = 601;
export const TOO_FEW_ITEMS = 612;

/** `x in body is required`. */
export function required(path: string): AmHttpError {
  return openApiError(REQUIRED, `${path} in body is required`);
}

/** `x in body must be of type string: "number"`. */
export function invalidType(path: string, type: string, value: unknown, where = 'body'): AmHttpError {
  const shown = typeof value === 'string' ? value : typeof value;
  return openApiError(INVALID_TYPE, `${path} in ${where} must be of type ${type}: ${JSON.stringify(shown)}`);
}
