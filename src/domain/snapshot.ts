import type { AlertRecord } from './alert.js';
import type { MemberStatus } from './source.js';

/** The complete current state one successful poll saw for one source. */
export type Snapshot = Readonly<{
  sourceId: string;
  takenAt: string;
  alerts: readonly AlertRecord[];
  members?: readonly MemberStatus[];
}>;
