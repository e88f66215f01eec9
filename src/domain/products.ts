import type { Snapshot } from './snapshot.js';

/**
 * What one successful poll of a source produced, by domain; the cache stores every present product
 * in the same transaction as the source's status. Each domain adds its product field here (slo,
 * changes, topology…). No product at all is a failed poll.
 */
export type PollProducts = Readonly<{
  alerts?: Snapshot;
}>;
