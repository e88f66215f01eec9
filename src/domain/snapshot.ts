import type { AlertRecord } from './alert.js';
import type { MemberStatus } from './source.js';

/**
 * The complete current state one successful poll saw for one source.
 *
 * A connector that can tell which alerts did not change since it last reported them (from a hash of
 * the bytes the backend sent, kept in its poller-held state) leaves their records out and
 * lists their ids in `unchanged`: the source still reports them, exactly as stored. `alerts` plus
 * `unchanged` is then everything the source reports; an alert in neither has ended.
 */
export type Snapshot = Readonly<{
  sourceId: string;
  takenAt: string;
  alerts: readonly AlertRecord[];
  /** Ids of alerts still reported whose source bytes are unchanged; their records are not repeated. */
  unchanged?: readonly string[];
  /**
   * By alert id: the connector's hash of the bytes each alert was read from (for `alerts` and
   * `unchanged`). The cache stores it, to seed the connector's state after a restart (StateSeed).
   */
  sourceHashes?: ReadonlyMap<string, string>;
  members?: readonly MemberStatus[];
}>;

/** How many alerts a snapshot says the source reports. */
export function snapshotSize(snapshot: Snapshot): number {
  return snapshot.alerts.length + (snapshot.unchanged?.length ?? 0);
}
