/**
 * Scale mode: N firing alerts spread over the estate like a large company's Alertmanager (250 alert names
 * with a long tail, 12 clusters, about 5% critical / 15% high / 50% warning / 30% info), with a fixed
 * fraction changing every tick. Between ticks nothing changes, so `churnRatio` is the share of alerts that
 * differ from one tick to the next (changes alternate: a new alert replaces the old one, then its text
 * changes). `updatedAt`/`endsAt` move only on a change, unlike a real Alertmanager, so benchmarks can count
 * exactly what changed.
 */
import { SCALE_RULES, ruleApplies } from './alert-rules.js';
import { buildAlertContent } from './demo-alert.js';
import type { DemoAlert, LabelSet } from './demo-alert.js';
import type { EstateIndex } from './estate.js';
import type { Cluster, Service } from './estate-types.js';
import { hash32, mulberry32, pick, unit } from './random.js';
import type { AlertRule } from './rule-types.js';

/** The resolved scale-mode options (see `DemoSimulatorOptions`). */
export type ScaleOptions = Readonly<{
  seed: number;
  size: number;
  churnRatio: number;
  tickMs: number;
  /** Pad each alert to about this many bytes of JSON; unset keeps alerts at their natural ~1 KB. */
  alertSizeBytes?: number;
}>;

/** The scale-mode model of one seed. */
export type ScaleModel = Readonly<{ alertsAt(nowMs: number): DemoAlert[] }>;

const SALT_PHASE = 0x5c01;
const SALT_IDENTITY = 0x5c02;
const SALT_VALUE = 0x5c03;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VALID_FOR_MS = 4 * 60_000;

/** The raw severity word for a draw: 5% critical, 15% high, 50% warning, 30% info, with some synonyms. */
function scaleSeverity(u: number): string {
  if (u < 0.05) return u < 0.005 ? 'page' : 'critical';
  if (u < 0.2) return u < 0.05 + 0.03 ? 'error' : 'high';
  if (u < 0.7) return 'warning';
  return u > 0.99 ? 'none' : 'info';
}

const sharedStrings = new Map<string, string>();

/** One copy of each small-domain label value (zones, images…), however many alerts carry it. */
function shared(text: string): string {
  const existing = sharedStrings.get(text);
  if (existing !== undefined) return existing;
  sharedStrings.set(text, text);
  return text;
}

/** The extra labels of a large estate's alerts (image, zone, Prometheus replica, …). */
function largeLabels(service: Service, cluster: Cluster, slot: number, draw: number): LabelSet {
  const region = shared(cluster.region.toLowerCase());
  return {
    container: service.id,
    image: shared(
      `registry.demo.example/${service.team}/${service.id}:v${1 + (draw % 4)}.${draw % 23}.${draw % 7}`,
    ),
    region,
    zone: shared(`${region}-${'abc'[draw % 3] ?? 'a'}`),
    prometheus: 'monitoring/k8s',
    prometheus_replica: draw % 2 === 0 ? 'prometheus-k8s-0' : 'prometheus-k8s-1',
    endpoint: 'http-metrics',
    uid: `${slot.toString(16).padStart(8, '0')}-${(draw & 0xffff).toString(16).padStart(4, '0')}-4000-8000-${draw.toString(16).padStart(12, '0')}`,
  };
}

/** Creates the scale model; alerts are generated on first use and regenerated only when they churn. */
export function createScaleModel(index: EstateIndex, options: ScaleOptions): ScaleModel {
  const { seed, size, tickMs, alertSizeBytes } = options;
  // Each slot changes once every `period` ticks, at its own phase, so a `churnRatio` share changes per tick.
  // Without churn, alerts still change about once a day, so every alert's endsAt stays a few minutes ahead.
  const period =
    options.churnRatio > 0 ? Math.max(1, Math.round(1 / options.churnRatio)) : Math.ceil(DAY / tickMs);
  const phases = new Uint32Array(size);
  // Which generations of a slot start a new alert (the others change its text): by slot, so that
  // every tick has both kinds; the slots changing at one tick all share one generation number.
  const offsets = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const draw = hash32(seed, i, SALT_PHASE);
    phases[i] = draw % period;
    offsets[i] = (draw >>> 31) & 1;
  }
  const generations = new Float64Array(size).fill(Number.NaN);
  const alerts: DemoAlert[] = new Array<DemoAlert>(size);

  const candidates = new Map<AlertRule, readonly Service[]>();
  const appServices = index.estate.services.filter((s) => s.kind === 'api' || s.kind === 'worker');
  for (const rule of SCALE_RULES) {
    const matching = index.estate.services.filter((service) => ruleApplies(rule, service));
    candidates.set(rule, matching.length > 0 ? matching : appServices);
  }

  function generate(slot: number, generation: number): DemoAlert {
    const offset = offsets[slot] ?? 0;
    const identity = Math.floor((generation + offset) / 2);
    const random = mulberry32(hash32(seed, slot, identity, SALT_IDENTITY));
    // A long tail: the noisiest few rules produce most alerts, as in real estates.
    const rule = SCALE_RULES[Math.floor(random() ** 2.2 * SCALE_RULES.length)] ?? SCALE_RULES[0];
    if (!rule) throw new Error('the scale rule catalogue is empty');
    const service = pick(candidates.get(rule) ?? appServices, random());
    const cluster = index.cluster(pick(service.clusters, random()));
    const severity = scaleSeverity(random());
    const draw = hash32(seed, slot, identity, SALT_IDENTITY + 1);
    // Every slot owns one address, so N slots are N distinct alerts.
    const address = `10.${64 + ((slot >>> 16) & 63)}.${(slot >>> 8) & 255}.${slot & 255}`;
    const pod = `${service.id}-${(draw % 0xfffff).toString(36)}-${slot.toString(36)}`;
    const target =
      rule.scope === 'node'
        ? { instance: `${address}:9100`, node: `${cluster.id}-node-${slot.toString(36)}` }
        : { instance: `${address}:${service.port}`, pod };
    const content = buildAlertContent(index, {
      rule,
      service,
      cluster,
      target,
      severity,
      valueDraw: unit(seed, slot, generation, SALT_VALUE),
      extraLabels: alertSizeBytes === undefined ? undefined : largeLabels(service, cluster, slot, draw),
      padToBytes: alertSizeBytes,
    });
    const phase = phases[slot] ?? 0;
    const changedTick = generation * period - phase;
    const startsAt = ((2 * identity - offset) * period - phase) * tickMs - Math.floor(random() * 3 * HOUR);
    return {
      fingerprint: content.fingerprint,
      labels: content.labels,
      annotations: content.annotations,
      generatorURL: content.generatorURL,
      startsAt,
      updatedAt: changedTick * tickMs,
      endsAt: (changedTick + period) * tickMs + VALID_FOR_MS,
    };
  }

  return {
    alertsAt(nowMs) {
      const tick = Math.floor(nowMs / tickMs);
      for (let slot = 0; slot < size; slot++) {
        const generation = Math.floor((tick + (phases[slot] ?? 0)) / period);
        if (generations[slot] !== generation) {
          alerts[slot] = generate(slot, generation);
          generations[slot] = generation;
        }
      }
      return alerts.slice();
    },
  };
}
