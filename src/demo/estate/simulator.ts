/**
 * The demo estate's time-driven model. `alertsAt(t)` is a pure function of the seed and `t`: the same
 * seed and time always give the same alerts, whatever was asked before, so tests and screenshots can pin
 * any moment. Live mode (the default) has a baseline of roughly 10–40 firing alerts, flapping, and a
 * storm every few minutes; scale mode (`scale: N`) has about N alerts for benchmarks.
 */
import { WATCHDOG_RULE } from './alert-rules.js';
import { createBaseline } from './baseline.js';
import { buildAlertContent, firingTimes } from './demo-alert.js';
import type { AlertContent, DemoAlert } from './demo-alert.js';
import { DEMO_ESTATE, indexEstate } from './estate.js';
import type { EstateIndex } from './estate.js';
import type { Estate } from './estate-types.js';
import { createScaleModel } from './scale.js';
import { STORM_WINDOW_MS, planStorm } from './storms.js';
import type { DemoStorm, StormPlan } from './storms.js';

/** How to build a simulator; everything but `seed` has a default. */
export type DemoSimulatorOptions = Readonly<{
  /** Any integer; the same seed gives the same history. */
  seed: number;
  /** The clock the Alertmanager server reads by default; `Date.now` when omitted. */
  now?: () => number;
  /** Scale mode: about this many firing alerts instead of the live demo (e.g. 100 000). */
  scale?: number;
  /** Scale mode: share of alerts that change per tick (default 0.01). */
  churnRatio?: number;
  /** Scale mode: length of a tick (default 15 s, the default poll interval). */
  tickMs?: number;
  /** Scale mode: pad each alert to about this many bytes of JSON (e.g. 3000). */
  alertSizeBytes?: number;
}>;

/** A seeded demo world that can say which alerts fire at any moment. */
export type DemoSimulator = Readonly<{
  seed: number;
  mode: 'live' | 'scale';
  estate: Estate;
  now(): number;
  /** The alerts firing at `nowMs` (unsorted; a fresh array each call). */
  alertsAt(nowMs: number): readonly DemoAlert[];
  /** Storms overlapping [fromMs, toMs); always empty in scale mode. */
  stormsBetween(fromMs: number, toMs: number): readonly DemoStorm[];
}>;

/** The seed the cockpit uses when nothing is configured, so every first start shows the same company day. */
export const DEFAULT_DEMO_SEED = 20_260_105;

const WATCHDOG_PERIOD_MS = 7 * 24 * 3_600_000;

function watchdogContent(index: EstateIndex): AlertContent {
  return buildAlertContent(index, {
    rule: WATCHDOG_RULE,
    service: index.service('kubernetes'),
    cluster: index.cluster('sh-prod-a'),
    target: { instance: 'prometheus-k8s-0.monitoring.svc:9090', pod: 'prometheus-k8s-0' },
    valueDraw: 0,
  });
}

function createStormBook(index: EstateIndex, seed: number) {
  const plans = new Map<number, StormPlan | undefined>();
  return (window: number): StormPlan | undefined => {
    if (!plans.has(window)) {
      if (plans.size > 64) plans.clear();
      plans.set(window, planStorm(index, seed, window));
    }
    return plans.get(window);
  };
}

/** Creates a demo simulator. */
export function createDemoSimulator(options: DemoSimulatorOptions): DemoSimulator {
  const { seed } = options;
  const now = options.now ?? (() => Date.now());
  const index = indexEstate(DEMO_ESTATE);

  if (options.scale !== undefined) {
    const model = createScaleModel(index, {
      seed,
      size: Math.max(0, Math.floor(options.scale)),
      churnRatio: options.churnRatio ?? 0.01,
      tickMs: options.tickMs ?? 15_000,
      alertSizeBytes: options.alertSizeBytes,
    });
    return {
      seed,
      mode: 'scale',
      estate: DEMO_ESTATE,
      now,
      alertsAt: (nowMs) => model.alertsAt(nowMs),
      stormsBetween: () => [],
    };
  }

  const baseline = createBaseline(index, seed);
  const stormPlan = createStormBook(index, seed);
  const watchdog = watchdogContent(index);

  function plansAround(fromMs: number, toMs: number): StormPlan[] {
    const plans: StormPlan[] = [];
    // A storm can outlast its window by a few minutes, so look one window back.
    for (let w = Math.floor(fromMs / STORM_WINDOW_MS) - 1; w <= Math.floor(toMs / STORM_WINDOW_MS); w++) {
      const plan = stormPlan(w);
      if (plan) plans.push(plan);
    }
    return plans;
  }

  return {
    seed,
    mode: 'live',
    estate: DEMO_ESTATE,
    now,
    alertsAt(nowMs) {
      const byFingerprint = new Map<string, DemoAlert>();
      const add = (alert: DemoAlert) => {
        const existing = byFingerprint.get(alert.fingerprint);
        // The same alert from the background and a storm is one alert that started at the earlier time.
        if (!existing || alert.startsAt < existing.startsAt) byFingerprint.set(alert.fingerprint, alert);
      };
      for (const alert of baseline.alertsAt(nowMs)) add(alert);
      for (const plan of plansAround(nowMs, nowMs)) {
        for (const planned of plan.alerts) {
          if (planned.startsAt <= nowMs && nowMs < planned.endsAt) {
            add({ ...planned.content, ...firingTimes(planned.startsAt, nowMs) });
          }
        }
      }
      const watchdogStart = Math.floor(nowMs / WATCHDOG_PERIOD_MS) * WATCHDOG_PERIOD_MS;
      add({ ...watchdog, ...firingTimes(watchdogStart, nowMs) });
      return [...byFingerprint.values()];
    },
    stormsBetween(fromMs, toMs) {
      return plansAround(fromMs, toMs)
        .map((plan) => plan.storm)
        .filter((storm) => storm.startsAt < toMs && storm.endsAt > fromMs);
    },
  };
}
