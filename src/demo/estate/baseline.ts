/**
 * The quiet-time background of the demo: every (rule, service, cluster) pair is a slot that now and then
 * has an episode of firing. Whether slot i fires in time window k is a hash of (seed, i, k), so the alerts
 * at any moment are computed directly, without replaying the past.
 */
import { ALERT_RULES, ruleApplies } from './alert-rules.js';
import { buildAlertContent, firingTimes, serviceAddress } from './demo-alert.js';
import type { AlertContent, AlertTarget, DemoAlert } from './demo-alert.js';
import { instancesOf, nodesOf } from './estate.js';
import type { EstateIndex } from './estate.js';
import type { Cluster, Service } from './estate-types.js';
import { hash32, pick, unit } from './random.js';
import type { AlertRule, RuleProfile } from './rule-types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type ProfileTiming = Readonly<{ windowMs: number; minMs: number; maxMs: number }>;

const TIMING: Readonly<Record<RuleProfile, ProfileTiming>> = {
  transient: { windowMs: 20 * MINUTE, minMs: 2 * MINUTE, maxMs: 10 * MINUTE },
  sustained: { windowMs: 90 * MINUTE, minMs: 15 * MINUTE, maxMs: 70 * MINUTE },
  flappy: { windowMs: 30 * MINUTE, minMs: 6 * MINUTE, maxMs: 20 * MINUTE },
  chronic: { windowMs: 12 * HOUR, minMs: 4 * HOUR, maxMs: 14 * HOUR },
};

/** How many alerts the baseline aims to have firing on average (storms come on top). */
const TARGET_FIRING = 22;
const STAGING_FACTOR = 0.6;
const FLAP_ON_PROBABILITY = 0.55;

// Salts keep the draws for one (slot, window) independent of each other.
const SALT_PHASE = 0x51;
const SALT_FIRE = 0x52;
const SALT_START = 0x53;
const SALT_LENGTH = 0x54;
const SALT_TARGET = 0x55;
const SALT_VALUE = 0x56;
const SALT_FLAP = 0x57;

type Slot = Readonly<{
  rule: AlertRule;
  service: Service;
  cluster: Cluster;
  targets: readonly AlertTarget[];
  timing: ProfileTiming;
  phaseMs: number;
  probability: number;
  lookback: number;
}>;

/** The baseline model of one seed. */
export type Baseline = Readonly<{ alertsAt(nowMs: number): DemoAlert[] }>;

function targetsFor(index: EstateIndex, rule: AlertRule, service: Service, cluster: Cluster): AlertTarget[] {
  if (rule.scope === 'node') return nodesOf(index, cluster.id);
  if (rule.scope === 'pod') return instancesOf(index, service.id, cluster.id);
  return [serviceAddress(service)];
}

function buildSlots(index: EstateIndex, seed: number): Slot[] {
  const drafts: Omit<Slot, 'probability'>[] = [];
  const weights: number[] = [];
  for (const service of index.estate.services) {
    for (const rule of ALERT_RULES) {
      if (rule.weight <= 0 || !ruleApplies(rule, service)) continue;
      for (const clusterId of service.clusters) {
        const cluster = index.cluster(clusterId);
        const timing = TIMING[rule.profile];
        drafts.push({
          rule,
          service,
          cluster,
          targets: targetsFor(index, rule, service, cluster),
          timing,
          phaseMs: hash32(seed, drafts.length, SALT_PHASE) % timing.windowMs,
          lookback: Math.ceil(timing.maxMs / timing.windowMs),
        });
        weights.push(rule.weight * (cluster.env === 'staging' ? STAGING_FACTOR : 1));
      }
    }
  }
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  return drafts.map((draft, i) => {
    // Expected share of time firing = probability × mean length / window; solve for probability.
    const share = (TARGET_FIRING * (weights[i] ?? 0)) / totalWeight;
    const meanMs = (draft.timing.minMs + draft.timing.maxMs) / 2;
    return { ...draft, probability: Math.min(1, (share * draft.timing.windowMs) / meanMs) };
  });
}

/** For a flapping episode: when the current "on" run began, or undefined while it is clear. */
function flapRunStart(
  seed: number,
  slot: number,
  window: number,
  start: number,
  nowMs: number,
): number | undefined {
  const segmentMs = (40 + (hash32(seed ^ SALT_FLAP, slot, window) % 80)) * 1000;
  const isOn = (segment: number) =>
    segment === 0 || unit(seed ^ SALT_FLAP, slot, window, segment) < FLAP_ON_PROBABILITY;
  let segment = Math.floor((nowMs - start) / segmentMs);
  if (!isOn(segment)) return undefined;
  while (segment > 0 && isOn(segment - 1)) segment--;
  return start + segment * segmentMs;
}

/** Creates the baseline model for a seed over an estate. */
export function createBaseline(index: EstateIndex, seed: number): Baseline {
  const slots = buildSlots(index, seed);
  const contentCache = new Map<string, AlertContent>();

  function content(slotIndex: number, slot: Slot, window: number): AlertContent {
    const target = pick(slot.targets, unit(seed, slotIndex, window, SALT_TARGET));
    const key = `${slotIndex}/${window}`;
    let cached = contentCache.get(key);
    if (!cached) {
      if (contentCache.size > 4096) contentCache.clear();
      const valueDraw = unit(seed, slotIndex, window, SALT_VALUE);
      cached = buildAlertContent(index, { ...slot, target, valueDraw });
      contentCache.set(key, cached);
    }
    return cached;
  }

  return {
    alertsAt(nowMs) {
      const alerts: DemoAlert[] = [];
      slots.forEach((slot, slotIndex) => {
        const { windowMs, minMs, maxMs } = slot.timing;
        const current = Math.floor((nowMs + slot.phaseMs) / windowMs);
        for (let window = current - slot.lookback; window <= current; window++) {
          if (unit(seed, slotIndex, window, SALT_FIRE) >= slot.probability) continue;
          const start =
            window * windowMs - slot.phaseMs + unit(seed, slotIndex, window, SALT_START) * windowMs;
          const end = start + minMs + unit(seed, slotIndex, window, SALT_LENGTH) * (maxMs - minMs);
          if (nowMs < start || nowMs >= end) continue;
          const startsAt =
            slot.rule.profile === 'flappy' ? flapRunStart(seed, slotIndex, window, start, nowMs) : start;
          if (startsAt === undefined) continue;
          alerts.push({ ...content(slotIndex, slot, window), ...firingTimes(Math.floor(startsAt), nowMs) });
        }
      });
      return alerts;
    },
  };
}
