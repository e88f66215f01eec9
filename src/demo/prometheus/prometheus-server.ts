/**
 * The demo estate's Prometheus: the query API (`/api/v1/query`, `/api/v1/query_range`,
 * `/api/v1/status/runtimeinfo`) on a loopback port, answering the queries of the demo's SLO files
 * (assets/slo/) from its traffic model, so `npm start` shows living SLOs that burn during storms.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { send } from '../alertmanager/http-io.js';
import type { DemoSimulator } from '../estate/simulator.js';
import { BadQuery, evaluate, formatValue } from './promql.js';
import { createSloTraffic, HISTORY_MS } from './slo-traffic.js';

export type DemoPrometheus = Readonly<{ url: string; close(): Promise<void> }>;

/** Prometheus's own limit on query_range answers. */
const MAX_POINTS = 11_000;

function badData(res: ServerResponse, message: string): void {
  send(res, 400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: message }));
}

async function params(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  if (req.method !== 'POST') return url.searchParams;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function seconds(text: string | null, fallbackMs: number): number {
  if (text === null || text === '') return fallbackMs;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new BadQuery(`cannot parse "${text}" to a valid timestamp`);
  return value * 1000;
}

export async function startDemoPrometheus(
  options: Readonly<{ simulator: DemoSimulator; clock?: Readonly<{ now(): number }> }>,
): Promise<DemoPrometheus> {
  const clock = options.clock ?? options.simulator;
  const traffic = createSloTraffic(options.simulator);
  // The simulator's alerts per minute, kept for two days: scenario queries ask every minute of a day.
  const firingByMinute = new Map<number, ReturnType<DemoSimulator['alertsAt']>>();
  const firingAt = (atMs: number) => {
    const minute = Math.floor(atMs / 60_000);
    let alerts = firingByMinute.get(minute);
    if (!alerts) {
      alerts = options.simulator.alertsAt(minute * 60_000);
      firingByMinute.set(minute, alerts);
      if (firingByMinute.size > 2 * 1440) firingByMinute.delete(firingByMinute.keys().next().value ?? minute);
    }
    return alerts;
  };
  const startedAt = clock.now();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo');
    const path = url.pathname;
    if (path === '/-/ready' || path === '/-/healthy')
      return send(res, 200, 'Prometheus Server is Ready.\n', { 'content-type': 'text/plain' });
    if (path === '/api/v1/status/runtimeinfo') {
      return send(
        res,
        200,
        JSON.stringify({
          status: 'success',
          data: {
            startTime: new Date(startedAt).toISOString(),
            storageRetention: `${HISTORY_MS / 86_400_000}d`,
          },
        }),
      );
    }
    if (path !== '/api/v1/query' && path !== '/api/v1/query_range') {
      return send(res, 404, '404 page not found\n', { 'content-type': 'text/plain' });
    }
    const input = await params(req, url);
    const query = input.get('query');
    if (!query)
      return badData(
        res,
        'invalid parameter "query": unknown position: parse error: no expression found in input',
      );
    try {
      if (path === '/api/v1/query') {
        const atMs = seconds(input.get('time'), clock.now());
        const result = evaluate(traffic, query, atMs, firingAt).map((sample) => ({
          metric: sample.metric,
          value: [atMs / 1000, formatValue(sample.value)],
        }));
        return send(res, 200, JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
      }
      const startMs = seconds(input.get('start'), Number.NaN);
      const endMs = seconds(input.get('end'), Number.NaN);
      const stepMs = (Number.parseFloat(input.get('step') ?? '') || 0) * 1000;
      if (!(stepMs > 0) || !(endMs >= startMs))
        return badData(
          res,
          'invalid parameter "step": zero or negative query resolution step widths are not accepted',
        );
      if ((endMs - startMs) / stepMs > MAX_POINTS) {
        return badData(
          res,
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        );
      }
      const series = new Map<string, { metric: Record<string, string>; values: [number, string][] }>();
      for (let at = startMs; at <= endMs; at += stepMs) {
        for (const sample of evaluate(traffic, query, at, firingAt)) {
          const key = JSON.stringify(sample.metric);
          const one = series.get(key) ?? { metric: { ...sample.metric }, values: [] };
          one.values.push([at / 1000, formatValue(sample.value)]);
          series.set(key, one);
        }
      }
      return send(
        res,
        200,
        JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [...series.values()] } }),
      );
    } catch (error) {
      if (error instanceof BadQuery) return badData(res, error.message);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ status: 'error', errorType: 'internal', error: String(error) }));
      else res.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
