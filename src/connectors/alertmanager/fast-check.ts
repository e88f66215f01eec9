import type { GettableAlert } from './schema.js';

/**
 * A hand-written check for the usual, well-formed `GET /api/v2/alerts` answer. Validating 100 000
 * alerts with zod costs about as much as JSON.parse of them; this accepts exactly what the zod schema
 * accepts in the common case and returns the same output shape (defaults applied, unknown keys
 * dropped). Anything unusual returns undefined, and the zod schema then decides and words the error.
 */
export function checkGettableAlerts(value: unknown): GettableAlert[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const alerts: GettableAlert[] = new Array<GettableAlert>(value.length);
  for (let index = 0; index < value.length; index++) {
    const alert = checkAlert(value[index]);
    if (alert === undefined) return undefined;
    alerts[index] = alert;
  }
  return alerts;
}

type Json = Readonly<Record<string, unknown>>;

const STATES: ReadonlySet<unknown> = new Set(['unprocessed', 'active', 'suppressed']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkAlert(value: unknown): GettableAlert | undefined {
  if (!isObject(value)) return undefined;
  const { labels, fingerprint, startsAt, updatedAt, endsAt, generatorURL, status } = value;
  const annotations = value.annotations === undefined ? {} : value.annotations;
  if (!isStringRecord(labels) || !isStringRecord(annotations)) return undefined;
  if (typeof fingerprint !== 'string' || fingerprint.length === 0 || typeof startsAt !== 'string') {
    return undefined;
  }
  if (!isOptionalString(updatedAt) || !isOptionalString(endsAt) || !isOptionalString(generatorURL)) {
    return undefined;
  }
  const receivers = checkReceivers(value.receivers);
  if (receivers === undefined || !isObject(status) || !STATES.has(status.state)) return undefined;
  const { silencedBy, inhibitedBy, mutedBy } = status;
  if (!isNullishStrings(silencedBy) || !isNullishStrings(inhibitedBy) || !isNullishStrings(mutedBy)) {
    return undefined;
  }
  return {
    labels,
    annotations,
    receivers,
    fingerprint,
    startsAt,
    ...(updatedAt === undefined ? {} : { updatedAt }),
    ...(endsAt === undefined ? {} : { endsAt }),
    ...(generatorURL === undefined ? {} : { generatorURL }),
    status: {
      state: status.state as GettableAlert['status']['state'],
      ...(silencedBy === undefined ? {} : { silencedBy }),
      ...(inhibitedBy === undefined ? {} : { inhibitedBy }),
      ...(mutedBy === undefined ? {} : { mutedBy }),
    },
  };
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (!isObject(value)) return false;
  // A `__proto__` key would become the prototype in zod's copy; let zod handle that rare case.
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (key === '__proto__' || typeof value[key] !== 'string') return false;
  }
  return true;
}

function isNullishStrings(value: unknown): value is string[] | null | undefined {
  if (value === undefined || value === null) return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function checkReceivers(value: unknown): { name: string }[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const receivers: { name: string }[] = [];
  for (const receiver of value) {
    if (!isObject(receiver) || typeof receiver.name !== 'string') return undefined;
    receivers.push({ name: receiver.name });
  }
  return receivers;
}
