import type { AlertHistoryEvent } from '../../domain/index.js';
import type { Interval } from './scenarios.js';

/**
 * Firing intervals of one alert from the cockpit's own history (when Prometheus's `ALERTS` cannot be
 * asked): it fires from `appeared` (or a state change back to firing) until `resolved` or a change
 * away from firing (silenced or acknowledged alerts still count: the scenario is still unstable);
 * an alert still firing runs until `nowMs`.
 */
export function intervalsFromHistory(events: readonly AlertHistoryEvent[], nowMs: number): Interval[] {
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const intervals: Interval[] = [];
  let openSince: number | undefined;
  for (const event of sorted) {
    const at = Date.parse(event.at);
    const active = event.kind !== 'resolved' && event.state !== 'resolved' && event.state !== 'pending';
    if (active && openSince === undefined) openSince = at;
    if (!active && openSince !== undefined) {
      intervals.push({ startMs: openSince, endMs: at });
      openSince = undefined;
    }
  }
  if (openSince !== undefined) intervals.push({ startMs: openSince, endMs: nowMs });
  return intervals;
}
