import type { z } from 'zod';
import type { BaseSourceConfig } from '../config/source-base.js';
import type {
  Clock,
  DomainName,
  Labels,
  PollProducts,
  RunbookValidators,
  AckWrittenBack,
  Severity,
  SeverityCounts,
  SeverityMapping,
  Silence,
} from '../domain/index.js';
import type { IHttpClient } from '../http/types.js';
import type { Logger } from '../logger.js';

/** Everything a connector needs for one poll or one action. */
export type ConnectorContext<Config extends BaseSourceConfig = BaseSourceConfig> = Readonly<{
  source: Config;
  http: IHttpClient;
  /** Connectors read the time; only the poller sets timers. */
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  signal: AbortSignal;
}>;

/**
 * What the cache kept from a previous run, offered once when a poller loop creates a connector's
 * state, so the first poll after a restart can be as cheap as the ones before it.
 */
export type StateSeed = Readonly<{
  /** The source hash (see `Snapshot.sourceHashes`) stored for an active alert of this source. */
  alertSourceHash?: (alertId: string) => string | undefined;
  /** The runbook vault's reads the `runbooks` source polls with (cached alerts' URLs, stored validators). */
  runbooks?: Readonly<{
    alertRunbookUrls(limit: number): string[];
    validators(id: string): RunbookValidators | undefined;
  }>;
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

/** A claim to write back: the alert, who claims it and why. */
export type AckRequest = Readonly<{ fingerprint: string; labels: Labels; by: string; comment?: string }>;

/** What a write-back left at the source: where and its id there, and when it ends unless kept. */
export type AckWriteBackResult = Readonly<{ writtenBack: AckWrittenBack; expiresAt?: string }>;

/** The silence as the source holds it after a create or an extend. */
export type SilenceResult = Silence;

/** A past span asked of a backend's own alert history, at instants from, from + step, … ≤ to. */
export type FiringHistoryRange = Readonly<{ fromMs: number; toMs: number; stepMs: number }>;

/** Alerts firing at one instant, by severity, as the backend's history holds them. */
export type FiringHistoryPoint = Readonly<{ atMs: number; counts: SeverityCounts }>;

/** The actions a person can take on a source's items, by name; a kind offers the ones it supports. */
export type ConnectorActions<Config extends BaseSourceConfig = BaseSourceConfig> = Readonly<{
  // Method syntax on purpose: a connector's actions take its own config type, and the registry lists
  // every connector under the shared base type (method parameters are checked bivariantly).
  silence?(ctx: ConnectorContext<Config>, request: SilenceRequest): Promise<SilenceResult>;
  /** The silences with these ids, as the source holds them now (unknown ids are left out). */
  getSilences?(ctx: ConnectorContext<Config>, ids: readonly string[]): Promise<readonly Silence[]>;
  /** Ends a silence now. */
  expireSilence?(ctx: ConnectorContext<Config>, silenceId: string): Promise<void>;
  /** Moves a silence's end `minutes` later (from now if it has ended); returns it as stored. */
  extendSilence?(ctx: ConnectorContext<Config>, silenceId: string, minutes: number): Promise<SilenceResult>;
  /**
   * Firing alerts by severity over a past span, from the backend's own record (Prometheus's `ALERTS`
   * series): what fills the war-room chart before the cockpit's own history begins.
   */
  firingHistory?(
    ctx: ConnectorContext<Config>,
    range: FiringHistoryRange,
  ): Promise<readonly FiringHistoryPoint[]>;
  /**
   * Writes a claim back natively (an Alertmanager silence, an Icinga/Zabbix/PagerDuty ack), or
   * answers undefined when the source is configured to keep claims in the cockpit only.
   */
  acknowledge?(ctx: ConnectorContext<Config>, request: AckRequest): Promise<AckWriteBackResult | undefined>;
  /** Keeps a write-back in force while the alert still fires (a silence's end moved later). */
  keepAcknowledged?(ctx: ConnectorContext<Config>, writtenBack: AckWrittenBack): Promise<AckWriteBackResult>;
  /** Undoes a write-back (release, or the alert resolved). */
  unacknowledge?(ctx: ConnectorContext<Config>, writtenBack: AckWrittenBack): Promise<void>;
}>;

/**
 * A backend kind. It validates its own part of a source's config (`configSchema`, joined to the other
 * kinds' by `kind`), polls into the domains it `produces`, and writes back through `actions`. It never
 * touches the cache. What it remembers between polls (change hashes, say) lives in the state object
 * it creates, which the poller keeps per source and hands back on every poll.
 */
export type Connector<Config extends BaseSourceConfig = BaseSourceConfig, State = unknown> = Readonly<{
  kind: Config['kind'];
  /**
   * The source config of this kind: the raw YAML object in, the normalized `Config` out. An object
   * schema with `kind: z.literal(…)` (then transforms), so the config file can pick it by `kind`.
   */
  configSchema: z.ZodType<Config, unknown> & z.core.$ZodTypeDiscriminable;
  produces: readonly DomainName[];
  /** A fresh state for a poller loop of `source`; the poller recreates it when the loop starts over. */
  createState(source: Config, seed?: StateSeed): State;
  // Method syntax: see ConnectorActions.
  /** One poll; mutates `state` only once the poll has succeeded. Throws SourceError on failure. */
  poll(ctx: ConnectorContext<Config>, state: State): Promise<PollProducts>;
  actions: ConnectorActions<Config>;
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
