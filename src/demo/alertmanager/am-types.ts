/**
 * The Alertmanager API v2 shapes the demo serves (api/v2/openapi.yaml), as JSON on the wire: times are
 * RFC 3339 strings with milliseconds, key order follows a real Alertmanager's output.
 */

export type WireLabels = Readonly<Record<string, string>>;

export type AlertStatusState = 'unprocessed' | 'active' | 'suppressed';

export type AlertStatus = Readonly<{
  inhibitedBy: readonly string[];
  mutedBy: readonly string[];
  silencedBy: readonly string[];
  state: AlertStatusState;
}>;

export type Receiver = Readonly<{ name: string }>;

/** An item of `GET /api/v2/alerts`. */
export type GettableAlert = Readonly<{
  annotations: WireLabels;
  endsAt: string;
  fingerprint: string;
  receivers: readonly Receiver[];
  startsAt: string;
  status: AlertStatus;
  updatedAt: string;
  /** Omitted when empty, as Alertmanager does. */
  generatorURL?: string;
  labels: WireLabels;
}>;

/** An item of `GET /api/v2/alerts/groups`. */
export type AlertGroup = Readonly<{
  alerts: readonly GettableAlert[];
  labels: WireLabels;
  receiver: Receiver;
}>;

/** An item of `POST /api/v2/alerts`. */
export type PostableAlert = Readonly<{
  labels: WireLabels;
  annotations?: WireLabels;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}>;

export type SilenceMatcher = Readonly<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;

/** The body of `POST /api/v2/silences`; send `id` to update a silence. */
export type PostableSilence = Readonly<{
  id?: string;
  matchers: readonly SilenceMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}>;

export type SilenceState = 'expired' | 'active' | 'pending';

/** An item of `GET /api/v2/silences` and the body of `GET /api/v2/silence/{id}`. */
export type GettableSilence = Readonly<{
  id: string;
  status: Readonly<{ state: SilenceState }>;
  updatedAt: string;
  comment: string;
  createdBy: string;
  endsAt: string;
  matchers: readonly SilenceMatcher[];
  startsAt: string;
}>;
