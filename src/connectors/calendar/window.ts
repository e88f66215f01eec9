import type { ChangeBatch } from '../../domain/index.js';
import type { ConnectorContext } from '../types.js';
import type { Expanded } from './expand.js';
import type { CalendarMapping } from './mapping.js';

/** The range a calendar source is expanded over on this poll: its window around now. */
export function pollRange(ctx: ConnectorContext, mapping: CalendarMapping) {
  const nowMs = ctx.clock.now();
  return { nowMs, fromMs: nowMs - mapping.pastMs, toMs: nowMs + mapping.aheadMs };
}

/** The product of one calendar poll. */
export function changeBatch(
  sourceId: string,
  range: Readonly<{ nowMs: number; fromMs: number; toMs: number }>,
  expanded: Expanded,
): ChangeBatch {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    sourceId,
    takenAt: iso(range.nowMs),
    from: iso(range.fromMs),
    to: iso(range.toMs),
    changes: expanded.changes,
    freezes: expanded.freezes,
  };
}
