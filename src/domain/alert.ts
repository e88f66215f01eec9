import type { AlertAck } from './acks.js';
import type { LocalizedText } from './language.js';
import type { Severity } from './severity.js';

/**
 * firing: active and nobody has muted it. pending: a Prometheus rule whose `for:` has not elapsed yet.
 * acknowledged: someone claimed it. silenced: muted at the source (silence or inhibition). resolved: gone.
 */
export const ALERT_STATES = ['firing', 'pending', 'acknowledged', 'silenced', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export type Labels = Readonly<Record<string, string>>;

/** One alert as every layer (cache, api, renderer) sees it. Timestamps are ISO-8601 UTC strings. */
export type Alert = Readonly<{
  /** Stable across polls and across members of an HA pair: `${sourceId}:${fingerprint}`. */
  id: string;
  sourceId: string;
  fingerprint: string;
  name: string;
  severity: Severity;
  state: AlertState;
  startsAt: string;
  updatedAt: string;
  endsAt?: string;
  summary: string;
  description: string;
  labels: Labels;
  annotations: Labels;
  service?: string;
  runbookUrl?: string;
  generatorUrl?: string;
  silencedBy: readonly string[];
  inhibitedBy: readonly string[];
  receivers: readonly string[];
  ackedBy?: string;
  /** The cockpit's claim on it (认领), when someone holds one; added by the api from the ledger. */
  ack?: AlertAck;
  /** Unclaimed past the escalation timeout of its tier; computed when the api answers. */
  escalated?: boolean;
  /** Where on the escalation ladder it is (A角 → B角 → lead): the rung reached, of how many, who is called. */
  escalation?: Readonly<{ level: number; steps: number; to?: string }>;
  /** The service's display name (config `services:`), added by the api; the id stays in `service`. */
  serviceTitle?: LocalizedText;
  /** True when the alert comes from a source whose last poll failed: shown dimmed, "as of lastSuccessAt". */
  stale?: boolean;
}>;

/** What a connector reports for one alert; the cache adds bookkeeping such as `stale`. */
export type AlertRecord = Omit<Alert, 'stale'>;

export function alertId(sourceId: string, fingerprint: string): string {
  return `${sourceId}:${fingerprint}`;
}

export const HISTORY_KINDS = [
  'appeared',
  'severity-changed',
  'state-changed',
  'silenced',
  'unsilenced',
  'acknowledged',
  'resolved',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** One line of an alert's append-only history. */
export type AlertHistoryEvent = Readonly<{
  alertId: string;
  sourceId: string;
  at: string;
  kind: HistoryKind;
  severity: Severity;
  state: AlertState;
  /** e.g. previous severity/state, or silence ids, as a short text. */
  detail?: string;
  name: string;
  service?: string;
}>;
