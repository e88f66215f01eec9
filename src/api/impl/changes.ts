import {
  changesBeforeAlert,
  currentAndNextFreeze,
  expandFreezeRules,
  sortWindows,
  withFreeze,
} from '../../analysis/changes/index.js';
import type { ServiceDistance } from '../../analysis/changes/index.js';
import { LONGEST_CHANGE_MS } from '../../cache/changes/change-store.js';
import type { ChangeQuery, StoredChange } from '../../cache/changes/types.js';
import { effectiveStatus } from '../../domain/index.js';
import type { Alert, Change, Clock, FreezeRule, FreezeWindow } from '../../domain/index.js';
import { ApiFailure } from '../dispatch.js';
import type { CHANGE_SPEC } from '../spec/changes.js';
import type { HandlersOf } from '../spec/types.js';

/** The change store's reads (src/cache/changes/). */
export type ChangeReads = Readonly<{
  listChanges(query: ChangeQuery): StoredChange[];
  changesBefore(atMs: number, lookBackMs: number): StoredChange[];
  freezeWindows(fromMs: number, toMs: number): FreezeWindow[];
}>;

export type ChangeHandlerDeps = Readonly<{
  changeReads: ChangeReads;
  alerts: Readonly<{ getAlert(id: string): Alert | undefined }>;
  /** `freezes:` from the config. */
  freezeRules: readonly FreezeRule[];
  clock: Clock;
  /** How far apart two services are; the topology domain passes its graph here. */
  serviceDistance?: ServiceDistance;
}>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A change can have started this long before a range and still run into it. */
const CHANGE_REACH_MS = LONGEST_CHANGE_MS;

/** The changes and freeze-window methods, and "what changed" for an alert. */
export function createChangeHandlers(deps: ChangeHandlerDeps): HandlersOf<typeof CHANGE_SPEC> {
  const { changeReads } = deps;

  function windowsIn(fromMs: number, toMs: number): FreezeWindow[] {
    return sortWindows([
      ...expandFreezeRules(deps.freezeRules, fromMs, toMs),
      ...changeReads.freezeWindows(fromMs, toMs),
    ]);
  }

  function present(stored: readonly StoredChange[], windows: readonly FreezeWindow[]): Change[] {
    const nowMs = deps.clock.now();
    return stored.map(({ record, stale }) =>
      withFreeze({ ...record, status: effectiveStatus(record, nowMs) }, windows, stale),
    );
  }

  return {
    async listChanges(input) {
      const nowMs = deps.clock.now();
      const fromMs = input.from ? Date.parse(input.from) : nowMs - DAY_MS;
      const toMs = input.to ? Date.parse(input.to) : nowMs + 7 * DAY_MS;
      if (fromMs >= toMs) throw new ApiFailure('invalid-input', 'from must be before to');
      const stored = changeReads.listChanges({
        fromMs,
        toMs,
        services: input.service,
        kinds: input.kind,
        environments: input.environment,
        limit: input.limit + 1,
      });
      const windows = windowsIn(fromMs - CHANGE_REACH_MS, toMs);
      return {
        items: present(stored.slice(0, input.limit), windows),
        freezes: windows.filter((window) => Date.parse(window.endsAt) > fromMs),
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        truncated: stored.length > input.limit,
      };
    },

    async getFreezes(input) {
      const nowMs = deps.clock.now();
      const fromMs = input.from ? Date.parse(input.from) : nowMs - DAY_MS;
      const toMs = input.to ? Date.parse(input.to) : nowMs + 90 * DAY_MS;
      if (fromMs >= toMs) throw new ApiFailure('invalid-input', 'from must be before to');
      const items = windowsIn(fromMs, toMs);
      // "Now" and "next" look around the clock, whatever range was asked.
      const around = fromMs <= nowMs && nowMs < toMs ? items : windowsIn(nowMs - DAY_MS, nowMs + 90 * DAY_MS);
      return { items, ...currentAndNextFreeze(around, nowMs) };
    },

    async getAlertChanges({ id, lookBackMinutes }) {
      const alert = deps.alerts.getAlert(id);
      if (!alert) throw new ApiFailure('not-found', `alert ${id} is not in the cache (it may have resolved)`);
      const startMs = Date.parse(alert.startsAt);
      const lookBackMs = lookBackMinutes * 60_000;
      const candidates = changeReads.changesBefore(startMs, lookBackMs);
      const changes = present(candidates, windowsIn(startMs - CHANGE_REACH_MS, startMs + 1));
      const items = changesBeforeAlert(alert, changes, {
        lookBackMs,
        ...(deps.serviceDistance ? { distance: deps.serviceDistance } : {}),
      });
      return { items, lookBackMinutes };
    },
  };
}
