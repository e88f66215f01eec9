/**
 * Schema checks for the bodies the demo accepts, in the order and words of Alertmanager's generated
 * go-openapi code: the first failing field wins and is reported with status 422.
 */
import { INVALID_TYPE, TOO_FEW_ITEMS, invalidType, openApiError, required } from './am-errors.js';
import type { SilenceMatcher, WireLabels } from './am-types.js';

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function goType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

function unmarshalError(what: string, value: unknown, goTypeName: string): Error {
  return openApiError(
    400,
    `parsing ${what} body from "" failed, because json: cannot unmarshal ${goType(value)} into Go value of type ${goTypeName}`,
  );
}

function requireString(body: JsonObject, key: string, path: string): string {
  const value = body[key];
  if (value === undefined || value === null) throw required(path);
  if (typeof value !== 'string') throw invalidType(path, 'string', value);
  return value;
}

function requireBoolean(body: JsonObject, key: string, path: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) throw required(path);
  if (typeof value !== 'boolean') throw invalidType(path, 'boolean', value);
  return value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** An RFC 3339 date-time as epoch ms, or undefined when absent. */
function dateTime(body: JsonObject, key: string, path: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw openApiError(
      INVALID_TYPE,
      `${path} in body must be of type date-time: ${JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value))}`,
    );
  return ms;
}

function labelSet(value: unknown, path: string): WireLabels {
  if (!isObject(value)) throw invalidType(path, 'object', value);
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') {
      throw openApiError(
        400,
        `parsing alerts body from "" failed, because json: cannot unmarshal ${goType(text)} into Go struct field ${name} of type string`,
      );
    }
  }
  return value as WireLabels;
}

/** A checked `postableSilence`, times as epoch ms. */
export type SilenceInput = Readonly<{
  id?: string;
  matchers: readonly SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}>;

function matcher(value: unknown, path: string): SilenceMatcher {
  if (!isObject(value)) throw invalidType(path, 'object', value);
  const isEqual = value.isEqual ?? true;
  if (typeof isEqual !== 'boolean') throw invalidType(`${path}.isEqual`, 'boolean', isEqual);
  const isRegex = requireBoolean(value, 'isRegex', `${path}.isRegex`);
  const name = requireString(value, 'name', `${path}.name`);
  // Key order as Alertmanager prints matchers.
  return { isEqual, isRegex, name, value: requireString(value, 'value', `${path}.value`) };
}

/** Checks the body of `POST /api/v2/silences`. */
export function parsePostableSilence(body: unknown): SilenceInput {
  if (!isObject(body)) throw unmarshalError('silence', body, 'models.PostableSilence');
  const comment = requireString(body, 'comment', 'comment');
  const createdBy = requireString(body, 'createdBy', 'createdBy');
  const endsAt = dateTime(body, 'endsAt', 'endsAt');
  if (endsAt === undefined) throw required('endsAt');
  const rawMatchers = body.matchers;
  if (rawMatchers === undefined || rawMatchers === null) throw required('matchers');
  if (!Array.isArray(rawMatchers)) throw invalidType('matchers', 'array', rawMatchers);
  if (rawMatchers.length < 1)
    throw openApiError(TOO_FEW_ITEMS, 'matchers in body should have at least 1 items');
  const matchers = rawMatchers.map((item: unknown, i) => matcher(item, `matchers.${i}`));
  const startsAt = dateTime(body, 'startsAt', 'startsAt');
  if (startsAt === undefined) throw required('startsAt');
  const id = body.id;
  if (id !== undefined && id !== null && typeof id !== 'string') throw invalidType('id', 'string', id);
  return {
    ...(typeof id === 'string' && id !== '' ? { id } : {}),
    matchers,
    startsAt,
    endsAt,
    createdBy,
    comment,
  };
}

/** A checked `postableAlert`, times as epoch ms when given. */
export type AlertInput = Readonly<{
  labels: WireLabels;
  annotations: WireLabels;
  startsAt?: number;
  endsAt?: number;
  generatorURL: string;
}>;

/** Checks the body of `POST /api/v2/alerts`. */
export function parsePostableAlerts(body: unknown): AlertInput[] {
  if (!Array.isArray(body)) throw unmarshalError('alerts', body, 'models.PostableAlerts');
  return body.map((item: unknown, i): AlertInput => {
    if (!isObject(item)) throw unmarshalError('alerts', item, 'models.PostableAlert');
    if (item.labels === undefined || item.labels === null) throw required(`${i}.labels`);
    const labels = labelSet(item.labels, `${i}.labels`);
    const annotations = item.annotations === undefined ? {} : labelSet(item.annotations, `${i}.annotations`);
    const generatorURL = item.generatorURL ?? '';
    if (typeof generatorURL !== 'string') throw invalidType(`${i}.generatorURL`, 'string', generatorURL);
    const startsAt = dateTime(item, 'startsAt', `${i}.startsAt`);
    const endsAt = dateTime(item, 'endsAt', `${i}.endsAt`);
    return {
      labels,
      annotations,
      generatorURL,
      ...(startsAt === undefined ? {} : { startsAt }),
      ...(endsAt === undefined ? {} : { endsAt }),
    };
  });
}
