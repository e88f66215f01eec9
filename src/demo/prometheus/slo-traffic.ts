/**
 * The demo's request traffic for its SLO services: requests per minute with a daily rhythm, a small
 * baseline error ratio, and errors that jump while a storm hits the service or one of its
 * dependencies (the simulator's storms), so budgets burn when the wall shows a storm. Counts are kept
 * as prefix sums per minute, so any window is two lookups.
 */
import { dependantsOf } from '../estate/estate.js';
import type { Estate } from '../estate/estate-types.js';
import { hashString, unit } from '../estate/random.js';
import type { DemoStorm } from '../estate/storms.js';

const MINUTE = 60_000;
/** How far back the demo's history goes (the longest demo SLO window is 30 days). */
export const HISTORY_MS = 31 * 1440 * MINUTE;
/** Storms are replayed this far back; older history has only the baseline and rare old incidents. */
const STORM_HISTORY_MS = 3 * 1440 * MINUTE;

export type TrafficSource = Readonly<{
  seed: number;
  estate: Estate;
  stormsBetween(fromMs: number, toMs: number): readonly DemoStorm[];
}>;

type Series = { firstMinute: number; requests: number[]; errors: number[] };

export type SloTraffic = Readonly<{
  /** Requests and errors of `service` in [toMs − windowMs, toMs), whole minutes. */
  counts(service: string, windowMs: number, toMs: number): Readonly<{ requests: number; errors: number }>;
}>;

export function createSloTraffic(source: TrafficSource): SloTraffic {
  const series = new Map<string, Series>();
  const affects = new Map<string, Set<string>>();

  /** Storm roots whose failure reaches `service`: itself or a dependency within three hops. */
  function rootsHitting(service: string): Set<string> {
    let roots = affects.get(service);
    if (!roots) {
      roots = new Set([service]);
      for (const candidate of source.estate.services) {
        if (dependantsOf(source.estate, candidate.id, 3).some((one) => one.service.id === service))
          roots.add(candidate.id);
      }
      affects.set(service, roots);
    }
    return roots;
  }

  function minuteCounts(
    service: string,
    minute: number,
    storms: readonly DemoStorm[],
  ): { requests: number; errors: number } {
    const salt = hashString(service);
    const hourOfDay = (((minute / 60) % 24) + 24) % 24;
    // Busy in the Chinese daytime (UTC+8), quiet at night.
    const rhythm = 0.55 + 0.45 * Math.sin(((hourOfDay + 8 - 9) / 24) * 2 * Math.PI);
    const requests = Math.round(
      (400 + (salt % 600)) * rhythm * (0.9 + 0.2 * unit(source.seed, salt, minute)),
    );
    let ratio = 0.0001 + 0.0002 * unit(source.seed, salt, minute, 1);
    const at = minute * MINUTE;
    for (const storm of storms) {
      // About a third of the storms that reach a service hurt its users; those burn hard.
      const hurt = unit(source.seed, hashString(storm.id), salt);
      if (at >= storm.startsAt && at < storm.endsAt && hurt < 0.35) ratio += 0.003 + 0.02 * hurt;
    }
    // Before storms are replayed, an old incident now and then, so the month has a story.
    if (storms.length === 0 && unit(source.seed, salt, Math.floor(minute / 30), 2) < 0.002) ratio += 0.01;
    // Fractional errors: the model's counters are rates integrated per minute, not single requests.
    return { requests, errors: requests * Math.min(1, ratio) };
  }

  function extend(service: string, untilMinute: number): Series {
    let one = series.get(service);
    if (!one) {
      one = { firstMinute: untilMinute - HISTORY_MS / MINUTE, requests: [0], errors: [0] };
      series.set(service, one);
    }
    const last = one.firstMinute + one.requests.length - 1;
    if (untilMinute <= last) return one;
    const fromMs = (last + 1) * MINUTE;
    const stormFrom = Math.max(fromMs, untilMinute * MINUTE - STORM_HISTORY_MS);
    const roots = rootsHitting(service);
    const storms = source
      .stormsBetween(stormFrom, (untilMinute + 1) * MINUTE)
      .filter((storm) => roots.has(storm.rootService));
    for (let minute = last + 1; minute <= untilMinute; minute++) {
      const replay = minute * MINUTE >= stormFrom ? storms : [];
      const counts = minuteCounts(service, minute, replay);
      one.requests.push((one.requests.at(-1) ?? 0) + counts.requests);
      one.errors.push((one.errors.at(-1) ?? 0) + counts.errors);
    }
    return one;
  }

  return {
    counts(service, windowMs, toMs) {
      const toMinute = Math.floor(toMs / MINUTE);
      const one = extend(service, toMinute);
      const index = (minute: number) =>
        Math.max(0, Math.min(one.requests.length - 1, minute - one.firstMinute));
      const to = index(toMinute);
      const from = index(toMinute - Math.round(windowMs / MINUTE));
      return {
        requests: (one.requests[to] ?? 0) - (one.requests[from] ?? 0),
        errors: (one.errors[to] ?? 0) - (one.errors[from] ?? 0),
      };
    },
  };
}
