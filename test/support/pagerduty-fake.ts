import { createServer } from 'node:http';
import type { Server } from 'node:http';

/**
 * A fake of PagerDuty's REST API v2 `GET /change_events` (a SaaS we cannot run), following its
 * documented contract: `Authorization: Token token=…`, `since`/`until` (ISO 8601), `limit` 1–100
 * (default 25), `offset`, `team_ids[]`; the answer `{ change_events, limit, offset, more, total }`;
 * errors as `{ error: { message, code, errors? } }` with 400 for invalid input and 401 without a
 * valid token.
 */
export type FakeChangeEvent = Readonly<{
  id: string;
  summary: string;
  timestamp: string;
  source?: string;
  services: readonly { id: string; summary: string }[];
  teamIds?: readonly string[];
  custom_details?: Record<string, unknown>;
  links?: readonly { href: string; text?: string }[];
}>;

export type FakePagerduty = Readonly<{
  url: string;
  requests: URL[];
  close(): Promise<void>;
}>;

function error(status: number, message: string, code: number, errors?: string[]) {
  return { status, body: { error: { message, code, ...(errors ? { errors } : {}) } } };
}

export async function startFakePagerduty(
  token: string,
  events: readonly FakeChangeEvent[],
): Promise<FakePagerduty> {
  const requests: URL[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://pagerduty.fake');
    requests.push(url);
    const answer = (() => {
      if (request.headers.authorization !== `Token token=${token}`) {
        return error(401, 'Authentication required', 2006);
      }
      if (request.method !== 'GET' || url.pathname !== '/change_events') return error(404, 'Not Found', 2100);
      const limit = Number(url.searchParams.get('limit') ?? '25');
      const offset = Number(url.searchParams.get('offset') ?? '0');
      const since = url.searchParams.get('since');
      const until = url.searchParams.get('until');
      const problems: string[] = [];
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        problems.push('Limit must be between 1 and 100');
      if (!Number.isInteger(offset) || offset < 0) problems.push('Offset must be a non-negative integer');
      if (since !== null && Number.isNaN(Date.parse(since))) problems.push('Since must be an ISO 8601 date');
      if (until !== null && Number.isNaN(Date.parse(until))) problems.push('Until must be an ISO 8601 date');
      if (problems.length > 0) return error(400, 'Invalid Input Provided', 2001, problems);
      const teams = url.searchParams.getAll('team_ids[]');
      const matching = events
        .filter((event) => since === null || Date.parse(event.timestamp) >= Date.parse(since))
        .filter((event) => until === null || Date.parse(event.timestamp) < Date.parse(until))
        .filter((event) => teams.length === 0 || (event.teamIds ?? []).some((team) => teams.includes(team)))
        .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
      const page = matching.slice(offset, offset + limit).map(({ teamIds: _teams, ...event }) => ({
        ...event,
        type: 'change_event',
        services: event.services.map((service) => ({ ...service, type: 'service_reference' })),
        links: event.links ?? [],
        images: [],
      }));
      return {
        status: 200,
        body: { change_events: page, limit, offset, more: offset + limit < matching.length, total: null },
      };
    })();
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
