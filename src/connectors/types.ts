import type { Labels, Severity, SeverityMapping, Snapshot } from '../domain/index.js';
import type { IHttpClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { SourceConfig } from '../config/schema.js';

export type Clock = Readonly<{ now(): number }>;

export const systemClock: Clock = { now: () => Date.now() };

/** Everything a connector needs for one poll or one action. */
export type ConnectorContext = Readonly<{
  source: SourceConfig;
  http: IHttpClient;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
  /**
   * The source hash (see `Snapshot.sourceHashes`) the cache holds for an active alert of this
   * source, or undefined. A connector that finds the same hash again may list the alert as
   * unchanged instead of parsing it.
   */
  knownSourceHash?: (alertId: string) => string | undefined;
}>;

export type SilenceRequest = Readonly<{
  fingerprint: string;
  labels: Labels;
  durationMinutes: number;
  comment: string;
  createdBy: string;
  /** Label names to match on; defaults to alertname + instance (or all identifying labels). */
  matchLabels?: readonly string[];
}>;

export type SilenceResult = Readonly<{ silenceId: string }>;

export type ConnectorActions = Readonly<{
  silence?: (ctx: ConnectorContext, request: SilenceRequest) => Promise<SilenceResult>;
  expireSilence?: (ctx: ConnectorContext, silenceId: string) => Promise<void>;
}>;

/** A backend kind: polls produce snapshots; actions write back to the backend. Never touches the cache. */
export type Connector = Readonly<{
  kind: string;
  poll(ctx: ConnectorContext): Promise<Snapshot>;
  actions?: ConnectorActions;
}>;

/**
 * A failure a person can read: `message` is a full sentence naming the source and what to do.
 * Connectors throw this (never raw parser errors) and the poller records it in the source status.
 */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export type { Severity, SeverityMapping };
