import type { ChangeBatch } from './changes.js';
import type { RunbookBatch } from './runbooks.js';
import type { SloSnapshot } from './slo.js';
import type { Snapshot } from './snapshot.js';
import type { TopologyGraph } from './topology.js';

/**
 * What one successful poll of a source produced, by domain; the cache stores every present product
 * in the same transaction as the source's status. Each domain adds its product field here (slo,
 * changes, topology…). No product at all is a failed poll.
 */
export type PollProducts = Readonly<{
  alerts?: Snapshot;
  /** SLO statuses computed by the `slo` source (src/connectors/slo/). */
  slo?: SloSnapshot;
  /** Changes and freeze windows read over a range (calendars, deploy feeds). */
  changes?: ChangeBatch;
  /** A catalog's whole graph (items and relations); it replaces the source's previous graph. */
  topology?: TopologyGraph;
  /** Runbooks scanned from folders and prefetched from `runbook_url`s (the `runbooks` source). */
  runbooks?: RunbookBatch;
}>;

/**
 * The domains a connector can produce, one per `PollProducts` field; a connector lists the ones it
 * fills in `Connector.produces`.
 */
export const DOMAINS = ['alerts', 'slo', 'changes', 'topology', 'runbooks'] as const;
export type DomainName = (typeof DOMAINS)[number];

// Every domain has its product field, and every product field is a domain.
const _domainsMatchProducts: [DomainName, keyof PollProducts] extends [keyof PollProducts, DomainName]
  ? true
  : never = true;
void _domainsMatchProducts;
