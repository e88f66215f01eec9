import type { AlertFilterInput, TimelineInput } from '../../src/api/contract.js';

function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function appendScalar(params: URLSearchParams, name: string, value: unknown): void {
  if (typeof value === 'string' && value !== '') params.append(name, value);
  if (typeof value === 'number' && Number.isFinite(value)) params.append(name, String(value));
}

/** The query string for GET /api/alerts: a multi-valued filter repeats its parameter. */
export function alertFilterToSearchParams(filter: AlertFilterInput = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const severity of asList(filter.severity)) params.append('severity', severity);
  for (const state of asList(filter.state)) params.append('state', state);
  for (const source of asList(filter.source)) params.append('source', source);
  appendScalar(params, 'service', filter.service);
  appendScalar(params, 'q', filter.q);
  for (const label of asList(filter.label)) params.append('label', label);
  appendScalar(params, 'sort', filter.sort);
  appendScalar(params, 'limit', filter.limit);
  appendScalar(params, 'offset', filter.offset);
  return params;
}

/** The query string for GET /api/timeline. */
export function timelineInputToSearchParams(input: TimelineInput = {}): URLSearchParams {
  const params = new URLSearchParams();
  appendScalar(params, 'hours', input.hours);
  appendScalar(params, 'bucketMinutes', input.bucketMinutes);
  return params;
}
