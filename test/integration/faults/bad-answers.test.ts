import { describe, expect, it } from 'vitest';
import { gettableAlert, nestedJson } from '../../support/fault-server.js';
import { SECRETS, failurePrefix, useFaultScenarios } from './two-sources.js';

const suite = useFaultScenarios();

const scenario = suite.scenario;

describe('a source that answers badly goes stale with its own sentence while the other keeps updating', () => {
  it('HTTP 500', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({ kind: 'status', status: 500, body: 'internal error' });

    expect(lastError).toMatch(new RegExp(`${what} answered HTTP 500 \\(the server is failing\\)$`));
    await recover();
  });

  it('a text/html login page instead of JSON', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({
      kind: 'body',
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><title>Sign in</title><form action="/login"><input name="password"></form>',
    });

    expect(lastError).toMatch(
      new RegExp(
        `${what} answered text/html instead of JSON; is the URL pointing at the API \\(not a login page or proxy\\)\\?$`,
      ),
    );
    await recover();
  });

  it('malformed (truncated) JSON', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);
    const whole = JSON.stringify([gettableAlert('CheckoutLatencyHigh')]);
    const cut = whole.indexOf('CheckoutLatencyHigh') + 'Checkout'.length;

    const { lastError } = await breakWith({
      kind: 'body',
      contentType: 'application/json',
      body: whole.slice(0, cut),
    });

    expect(lastError).toMatch(
      new RegExp(`${what} answered malformed JSON \\(Unterminated string in JSON at position ${cut}\\)$`),
    );
    await recover();
  });

  it('a long list that breaks after many good alerts (found while it streams in)', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);
    const good = JSON.stringify(Array.from({ length: 500 }, (_, i) => gettableAlert(`Rule${i}`))).slice(
      0,
      -1,
    );

    const { lastError } = await breakWith({
      kind: 'body',
      contentType: 'application/json',
      body: `${good} <html>]`,
    });

    expect(lastError).toMatch(
      new RegExp(
        `${what} answered malformed JSON \\(Unexpected token at byte ${Buffer.byteLength(good) + 1}\\)$`,
      ),
    );
    await recover();
  });

  it('malformed JSON that echoes the credentials back does not put them in the sentence', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);

    // Some proxies and debug endpoints reflect the request; JSON.parse quotes the text around the error.
    const { lastError } = await breakWith({
      kind: 'body',
      contentType: 'application/json',
      body: (request) =>
        `{"error": "denied", "token": ${String(request.headers.authorization).replace('Bearer ', '')}}`,
    });

    expect(faulty.requests.at(-1)?.headers.authorization).toBe(`Bearer ${SECRETS.bearer}`);
    expect(lastError).toMatch(new RegExp(`${what} answered malformed JSON \\(Unexpected token 'c'\\)$`));
    await recover();
  });

  it('JSON nested 100 000 deep', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({
      kind: 'body',
      contentType: 'application/json',
      body: nestedJson(100_000),
    });

    expect(lastError).toMatch(
      new RegExp(
        `${what} answered JSON of an unexpected shape at 0 \\(.*expected object, received array\\); is this the right kind of server\\?$`,
      ),
    );
    await recover();
  });

  it('valid JSON of the wrong shape ({"data": …})', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({
      kind: 'body',
      contentType: 'application/json',
      body: JSON.stringify({ data: [gettableAlert('CheckoutLatencyHigh')] }),
    });

    expect(lastError).toMatch(
      new RegExp(
        `${what} answered JSON of an unexpected shape \\(.*expected array, received object\\); is this the right kind of server\\?$`,
      ),
    );
    await recover();
  });
});
