import { hash } from 'node:crypto';
import { alertId } from '../../domain/index.js';
import type { AlertRecord, MemberStatus, PollProducts } from '../../domain/index.js';
import { CLIENT_VERSION } from '../../http/client.js';
import { SourceError } from '../types.js';
import type { Connector, ConnectorContext, StateSeed } from '../types.js';
import { checkJsonResponse, describeFailure, joinUrl, parseJsonText, send } from '../common/fetch-json.js';
import { alertmanagerConfigSchema } from './config.js';
import type { AlertmanagerPollConfig, AlertmanagerSourceConfig } from './config.js';
import { AlertListError, createAlertListScanner } from './raw-alerts.js';
import type { ScanResult } from './raw-alerts.js';
import { mapAlertmanagerAlert, mergeByFingerprint } from './map.js';
import { gettableAlertsSchema } from './schema.js';
import { createSilence, expireSilence, extendSilence, getSilences } from './silence.js';
import { acknowledge, keepAcknowledged, unacknowledge } from './ack.js';

/**
 * One member's copy of an alert: its id, the hash of its bytes, the source hash it was last reported
 * with (`stored`) or that maps to nothing (`ignored`), and its text when it may need parsing.
 */
type Copy = Readonly<{ id: string; hash: string; stored?: string; ignored?: string; text?: string }>;

/** What a member reported, by fingerprint, in the order it listed them. */
type MemberCopies = Map<string, Copy>;

/** What one poll leaves for the next, besides the hashes of the alerts it reported (see `collect`). */
type Memory = Readonly<{
  /** Fingerprints whose alerts map to nothing (a filtered severity), with their source hash. */
  ignored: ReadonlyMap<string, string>;
  /** Fingerprints to read in full on the next poll (HA members that disagree). */
  readNext: ReadonlySet<string>;
}>;

/**
 * What the connector remembers between polls of one source, held by the poller's loop: the source
 * hash of every alert the last successful poll reported, so an alert whose bytes hash the same again
 * is listed as unchanged instead of parsed. A poll replaces the fields only once it has succeeded.
 */
export type AlertmanagerState = {
  /** The start of every source hash; fixed per state, as the poller recreates the state for a new config. */
  readonly key: string;
  /** By alert id: the source hash each alert was reported with (records and `unchanged`). */
  reported: ReadonlyMap<string, string>;
  /**
   * Until the first successful poll: the hashes the cache kept from a previous run (StateSeed), which
   * stand in for `reported` so a warm restart parses only what changed.
   */
  seed?: (alertId: string) => string | undefined;
  memory: Memory;
};

const DOT = 0x2e;
/** How many alert texts one JSON.parse call takes. */
const PARSE_BATCH = 2000;

/**
 * Starts every source hash: a new release or a change to how this source's alerts are mapped
 * (severity mapping, service labels) makes every stored hash differ, so every alert is read again.
 */
function sourceKey(source: AlertmanagerPollConfig): string {
  const mapping = [CLIENT_VERSION, source.id, source.severity, source.serviceLabels];
  return hash('sha1', JSON.stringify(mapping), 'base64').slice(0, 12);
}

/** A fresh state: nothing reported yet; the cache's hashes from a previous run when seeded. */
function createState(source: AlertmanagerPollConfig, seed?: StateSeed): AlertmanagerState {
  return {
    key: sourceKey(source),
    reported: new Map(),
    ...(seed?.alertSourceHash ? { seed: seed.alertSourceHash } : {}),
    memory: { ignored: new Map(), readNext: new Set() },
  };
}

/** Whether `known` is a source hash made (with this key) from a copy whose bytes hash to `hash`. */
function madeFrom(known: string | undefined, key: string, hash: string): boolean {
  if (known === undefined || !known.startsWith(key) || known.charCodeAt(key.length) !== DOT) return false;
  // One member's copy (no allocation: this runs for every alert of every poll), or one of several.
  if (known.length === key.length + 1 + hash.length) return known.endsWith(hash);
  return known
    .slice(key.length + 1)
    .split(',')
    .includes(hash);
}

function isJsonSuccess(status: number, headers: Readonly<Record<string, string>>): boolean {
  return status >= 200 && status < 300 && /\bjson\b/i.test(headers['content-type'] ?? '');
}

/**
 * Reads one member's alert list as it streams in. An alert whose bytes hash to what was last
 * reported is only noted; the text of any other alert is kept for parsing.
 */
async function pollMember(
  ctx: ConnectorContext<AlertmanagerPollConfig>,
  base: string,
  state: AlertmanagerState,
): Promise<MemberCopies> {
  // Alertmanager's defaults already include active, silenced, inhibited and unprocessed alerts.
  const url = joinUrl(base, '/api/v2/alerts');
  const what = `GET ${url}`;
  const { key, memory, reported, seed } = state;
  // Cleared once the answer is read: the HTTP machinery can outlive the request by a while and
  // would otherwise keep every kept text (hundreds of MB on a first poll) reachable through the sink.
  let copies: MemberCopies | undefined = new Map();
  let unnamed = 0;
  const scanner = createAlertListScanner((body, item) => {
    const fingerprint = item.fingerprint;
    if (fingerprint === undefined) {
      // No fingerprint: keep it to be parsed, which explains what is missing.
      copies?.set(`\u0000${unnamed++}`, {
        id: '',
        hash: item.hash,
        text: body.toString('utf8', item.start, item.end),
      });
      return;
    }
    const id = alertId(ctx.source.id, fingerprint);
    const stored = seed ? seed(id) : reported.get(id);
    const ignored = stored === undefined ? memory.ignored.get(fingerprint) : undefined;
    // A copy the stored alert was made from (for an HA pair, one of the copies) needs no parsing.
    const same = madeFrom(stored ?? ignored, key, item.hash) && !memory.readNext.has(fingerprint);
    // Built field by field: three conditional spreads per alert were a tenth of a 100k warm poll.
    const copy: { -readonly [K in keyof Copy]: Copy[K] } = { id, hash: item.hash };
    if (stored !== undefined) copy.stored = stored;
    if (ignored !== undefined) copy.ignored = ignored;
    if (!same) copy.text = body.toString('utf8', item.start, item.end);
    copies?.set(fingerprint, copy);
  });
  let scanned: ScanResult | undefined;
  let response;
  try {
    response = await send(ctx, {
      url,
      method: 'GET',
      bodySink: (status, headers) =>
        isJsonSuccess(status, headers)
          ? {
              write: (chunk) => scanner.write(chunk),
              end: () => {
                scanned = scanner.end();
              },
            }
          : undefined,
    });
  } catch (error) {
    copies = undefined;
    if (error instanceof AlertListError) {
      throw new SourceError(`source "${ctx.source.id}": ${what} ${error.message}`);
    }
    throw describeFailure(ctx, what, error);
  }
  const read = copies;
  copies = undefined;
  checkJsonResponse(ctx, what, response);
  if (scanned?.kind !== 'list' || read === undefined) {
    // Not a plain list of objects: the ordinary parser explains what is wrong.
    const body = scanned?.kind === 'whole' ? scanned.body : response.body;
    parseJsonText(ctx, what, body.toString('utf8'), gettableAlertsSchema);
    throw new SourceError(`source "${ctx.source.id}": ${what} answered a list that is not a list of alerts`);
  }
  return read;
}

type Collected = {
  records: AlertRecord[];
  unchanged: string[];
  sourceHashes: Map<string, string>;
  next: { ignored: Map<string, string>; readNext: Set<string> };
};

/**
 * Decides alert by alert, across the members that answered, what is unchanged and what must be
 * parsed, then parses all of that at once (one sentence if any of it is invalid).
 */
function collect(
  ctx: ConnectorContext<AlertmanagerPollConfig>,
  key: string,
  members: readonly MemberCopies[],
): Collected {
  const { source } = ctx;
  const what = `GET ${joinUrl(source.urls[0] ?? '', '/api/v2/alerts')}`;
  const result: Collected = {
    records: [],
    unchanged: [],
    sourceHashes: new Map(),
    next: { ignored: new Map(), readNext: new Set() },
  };
  const texts: string[] = [];
  const owners: { fingerprint: string; sourceHash: string; first: number; count: number }[] = [];
  const single = members.length === 1 ? members[0] : undefined;
  const fingerprints = single ? single.keys() : new Set(members.flatMap((m) => [...m.keys()]));
  for (const fingerprint of fingerprints) {
    const only = single?.get(fingerprint);
    if (only !== undefined && only.text === undefined) {
      // The usual case, kept free of allocations: one member sent exactly what is stored.
      const known = only.stored ?? only.ignored;
      if (known !== undefined && known.length === key.length + 1 + only.hash.length) {
        if (only.stored !== undefined) {
          result.unchanged.push(only.id);
          result.sourceHashes.set(only.id, only.stored);
        } else result.next.ignored.set(fingerprint, known);
        continue;
      }
    }
    const copies = only ? [only] : members.flatMap((member) => member.get(fingerprint) ?? []);
    const hashes = [...new Set(copies.map((copy) => copy.hash))].sort();
    const sourceHash = `${key}.${hashes.join(',')}`;
    const first = copies[0];
    const stored = first?.stored;
    const known = stored ?? first?.ignored;
    if (copies.every((copy) => copy.text === undefined) && sourceHash === known) {
      // Every member sent what is stored (or what maps to nothing).
      if (stored !== undefined && first) {
        result.unchanged.push(first.id);
        result.sourceHashes.set(first.id, sourceHash);
      } else result.next.ignored.set(fingerprint, sourceHash);
      continue;
    }
    if (copies.some((copy) => copy.text === undefined)) {
      // HA members changed in part: one sent a change (or one stopped sending the alert) while
      // another still sends a stored copy, whose text was not kept. Keep what is stored for one
      // more poll and read every copy in full then.
      result.next.readNext.add(fingerprint);
      if (stored !== undefined && first) {
        result.unchanged.push(first.id);
        result.sourceHashes.set(first.id, stored);
      }
      continue;
    }
    owners.push({ fingerprint, sourceHash, first: texts.length, count: copies.length });
    for (const copy of copies) if (copy.text !== undefined) texts.push(copy.text);
  }
  // Parsed a few thousand at a time, each text let go once parsed: a first poll of 100k alerts
  // never holds one giant joined string next to every text and every parsed object.
  for (let start = 0; start < owners.length;) {
    let end = start;
    for (let count = 0; end < owners.length && count < PARSE_BATCH; end += 1)
      count += owners[end]?.count ?? 0;
    const from = owners[start]?.first ?? 0;
    const last = owners[end - 1];
    const to = last ? last.first + last.count : from;
    const batch = texts.slice(from, to);
    texts.fill('', from, to);
    const alerts = parseJsonText(ctx, what, `[${batch.join(',')}]`, gettableAlertsSchema);
    for (const owner of owners.slice(start, end)) {
      const copies = alerts
        .slice(owner.first - from, owner.first - from + owner.count)
        .flatMap((alert) => mapAlertmanagerAlert(alert, source) ?? []);
      const [record] = copies.length > 1 ? mergeByFingerprint(copies.map((copy) => [copy])) : copies;
      if (!record) {
        result.next.ignored.set(owner.fingerprint, owner.sourceHash);
        continue;
      }
      result.records.push(record);
      result.sourceHashes.set(record.id, owner.sourceHash);
    }
    start = end;
  }
  return result;
}

/** Polls every member of the cluster at once and merges; fails only when no member answers. */
async function poll(
  ctx: ConnectorContext<AlertmanagerPollConfig>,
  state: AlertmanagerState,
): Promise<PollProducts> {
  const { source } = ctx;
  const results = await Promise.allSettled(source.urls.map((base) => pollMember(ctx, base, state)));
  const members: MemberStatus[] = [];
  const answered: MemberCopies[] = [];
  const errors: SourceError[] = [];
  results.forEach((result, index) => {
    const url = source.urls[index] ?? '';
    if (result.status === 'fulfilled') {
      answered.push(result.value);
      members.push({ url, ok: true });
    } else {
      const error = describeFailure(ctx, `GET ${joinUrl(url, '/api/v2/alerts')}`, result.reason);
      errors.push(error);
      members.push({ url, ok: false, error: error.message });
    }
  });
  if (answered.length === 0) {
    const first = errors[0];
    if (errors.length === 1 && first) throw first;
    const retryAfterMs = Math.max(0, ...errors.map((error) => error.retryAfterMs ?? 0)) || undefined;
    throw new SourceError(
      `source "${source.id}": none of its ${errors.length} Alertmanagers answered; first: ${first?.message ?? 'unknown'}`,
      retryAfterMs,
    );
  }
  const collected = collect(ctx, state.key, answered);
  // Only now, with the whole answer read and parsed: a failed poll leaves the state as it was.
  state.reported = collected.sourceHashes;
  state.seed = undefined;
  state.memory = collected.next;
  const alerts = {
    sourceId: source.id,
    takenAt: new Date(ctx.clock.now()).toISOString(),
    alerts: collected.records,
    unchanged: collected.unchanged,
    sourceHashes: collected.sourceHashes,
    members: source.urls.length > 1 ? members : undefined,
  };
  return { alerts };
}

/** The Alertmanager connector's parts, for kinds that serve its API (`demo`). */
export const alertmanagerPolling = { produces: ['alerts'], createState, poll } as const;

/** Prometheus Alertmanager, API v2. One source may list several URLs: the members of one HA cluster. */
export const alertmanagerConnector: Connector<AlertmanagerSourceConfig, AlertmanagerState> = {
  kind: 'alertmanager',
  configSchema: alertmanagerConfigSchema,
  ...alertmanagerPolling,
  actions: {
    silence: createSilence,
    getSilences,
    expireSilence,
    extendSilence,
    acknowledge,
    keepAcknowledged,
    unacknowledge,
  },
};
