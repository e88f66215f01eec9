import { describe, expect, it } from 'vitest';
import { gettableAlert, startFaultServer } from '../../support/fault-server.js';
import type { FaultServer, RecordedRequest } from '../../support/fault-server.js';
import { LAST_GOOD, SECRETS, failurePrefix, useFaultScenarios } from './two-sources.js';
import type { AuthVariant } from './two-sources.js';

const suite = useFaultScenarios();

/** Another host that would answer well: following the redirect would have made the poll succeed. */
async function startOtherHost(): Promise<FaultServer> {
  const other = await startFaultServer({
    mode: { kind: 'alerts', alerts: [...LAST_GOOD, 'Exfiltrated'].map((name) => gettableAlert(name)) },
  });
  suite.track({ dispose: () => other.close() });
  return other;
}

function credentialsIn(request: RecordedRequest | undefined, auth: AuthVariant): string | undefined {
  const header = request?.headers[auth === 'header' ? SECRETS.headerName.toLowerCase() : 'authorization'];
  return typeof header === 'string' ? header : undefined;
}

const EXPECTED_CREDENTIALS: Readonly<Record<AuthVariant, string>> = {
  bearer: `Bearer ${SECRETS.bearer}`,
  basic: `Basic ${Buffer.from(`${SECRETS.username}:${SECRETS.password}`).toString('base64')}`,
  header: SECRETS.headerValue,
};

const CASES = ([302, 307] as const).flatMap((status) =>
  (['bearer', 'basic', 'header'] as const).map((auth) => ({ status, auth })),
);

describe('a source redirected to another host', () => {
  it.each(CASES)(
    'HTTP $status with $auth credentials: refused, nothing reaches the other host',
    async ({ status, auth }) => {
      const other = await startOtherHost();
      const scenario = await suite.scenario({ auth });
      const { faulty, breakWith, recover } = scenario;
      const { what } = failurePrefix(faulty.origin);
      const escapedOther = other.origin.replace(/[.]/g, '\\.');

      const { lastError } = await breakWith({
        kind: 'redirect',
        status,
        location: `${other.origin}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`,
      });

      // The configured credentials went to the configured host…
      expect(credentialsIn(faulty.requests.at(-1), auth)).toBe(EXPECTED_CREDENTIALS[auth]);
      // …and nothing at all, neither a connection nor a header nor a body, to the other one.
      expect(other.connections()).toBe(0);
      expect(other.requests).toEqual([]);
      expect(lastError).toMatch(
        new RegExp(
          `${what} was redirected \\(HTTP ${status}\\) from http://127\\.0\\.0\\.1:${faulty.port} to ${escapedOther}; ` +
            'the redirect was not followed because credentials are never sent to another host\\. ' +
            `Configure the source with the final URL \\(${escapedOther}/api/v2/alerts\\?.*\\) if that server is trusted$`,
        ),
      );
      await recover();
      expect(other.connections()).toBe(0);
    },
  );
});
