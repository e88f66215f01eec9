/**
 * What `GET /api/v2/alerts` and `/alerts/groups` return: the current alerts with receivers and status
 * (silenced / inhibited → suppressed), filtered like Alertmanager's `alertFilter`, sorted by fingerprint.
 */
import type { DemoAlert } from '../estate/demo-alert.js';
import { GROUP_BY, inhibitions, receiversFor } from './alert-routing.js';
import type { AlertGroup, AlertStatus, GettableAlert, Receiver, WireLabels } from './am-types.js';
import { matchesFilter } from './matchers.js';
import type { LabelMatcher } from './matchers.js';
import { silencedBy } from './silences.js';
import type { ActiveSilence } from './silences.js';

/** The query parameters of `GET /api/v2/alerts` (booleans default to true). */
export type AlertQuery = Readonly<{
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
  unprocessed: boolean;
  filter: readonly LabelMatcher[];
  receiver?: RegExp;
}>;

/** An alert with what the server knows about it right now. */
export type AlertView = Readonly<{ alert: DemoAlert; receivers: readonly Receiver[]; status: AlertStatus }>;

const EMPTY: readonly string[] = [];
// Most alerts are simply active: they share one status object.
const ACTIVE: AlertStatus = { inhibitedBy: EMPTY, mutedBy: EMPTY, silencedBy: EMPTY, state: 'active' };

function byFingerprint(a: AlertView, b: AlertView): number {
  return a.alert.fingerprint < b.alert.fingerprint ? -1 : a.alert.fingerprint > b.alert.fingerprint ? 1 : 0;
}

/** Applies silences, inhibition and the query to the current alerts. */
export function selectAlerts(
  alerts: readonly DemoAlert[],
  silences: readonly ActiveSilence[],
  query: AlertQuery,
  nowMs: number,
): AlertView[] {
  const inhibited = inhibitions(alerts);
  const views: AlertView[] = [];
  for (const alert of alerts) {
    if (alert.endsAt < nowMs) continue;
    const receivers = receiversFor(alert.labels);
    if (query.receiver && !receivers.some((r) => query.receiver?.test(r.name))) continue;
    const silencedIds = silences.length > 0 ? silencedBy(silences, alert.labels) : EMPTY;
    const inhibitedBy = inhibited.get(alert.fingerprint) ?? EMPTY;
    const suppressed = silencedIds.length > 0 || inhibitedBy.length > 0;
    if (!query.active && !suppressed) continue;
    if (!query.silenced && silencedIds.length > 0) continue;
    if (!query.inhibited && inhibitedBy.length > 0) continue;
    if (!matchesFilter(query.filter, alert.labels)) continue;
    const status: AlertStatus = suppressed
      ? { inhibitedBy, mutedBy: EMPTY, silencedBy: silencedIds, state: 'suppressed' }
      : ACTIVE;
    views.push({ alert, receivers, status });
  }
  return views.sort(byFingerprint);
}

type IsoTimes = Readonly<{ startsAt: string; updatedAt: string; endsAt: string }>;

// Scale mode hands out the same alert objects tick after tick; formatting their times once saves a
// third of the time of a 100 000-alert response.
const isoTimes = new WeakMap<DemoAlert, IsoTimes>();

function timesOf(alert: DemoAlert): IsoTimes {
  let times = isoTimes.get(alert);
  if (!times) {
    times = {
      startsAt: new Date(alert.startsAt).toISOString(),
      updatedAt: new Date(alert.updatedAt).toISOString(),
      endsAt: new Date(alert.endsAt).toISOString(),
    };
    isoTimes.set(alert, times);
  }
  return times;
}

/** The wire form of one alert. */
export function toGettableAlert(view: AlertView): GettableAlert {
  const { alert } = view;
  const times = timesOf(alert);
  return {
    annotations: alert.annotations,
    endsAt: times.endsAt,
    fingerprint: alert.fingerprint,
    receivers: view.receivers,
    startsAt: times.startsAt,
    status: view.status,
    updatedAt: times.updatedAt,
    ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
    labels: alert.labels,
  };
}

type WireText = Readonly<{ receivers: readonly Receiver[]; status: string; json: Buffer }>;

// The JSON of an alert depends only on the alert object, its receivers and its status. In scale mode
// the alert and receiver objects are the same from one response to the next, and the status is
// rebuilt but rarely changes. Keeping the text means a 100 000-alert response re-serializes only what
// changed, so a benchmark of the cockpit measures the cockpit, not this simulator.
const wireTexts = new WeakMap<DemoAlert, WireText>();

function statusKey(status: AlertStatus): string {
  return status === ACTIVE ? '' : JSON.stringify(status);
}

/** The UTF-8 JSON of `toGettableAlert(view)`, reused while the alert, receivers and status are unchanged. */
export function gettableAlertJson(view: AlertView): Buffer {
  const status = statusKey(view.status);
  const cached = wireTexts.get(view.alert);
  if (cached && cached.receivers === view.receivers && cached.status === status) return cached.json;
  const json = Buffer.from(JSON.stringify(toGettableAlert(view)));
  wireTexts.set(view.alert, { receivers: view.receivers, status, json });
  return json;
}

/** Groups by receiver and the `GROUP_BY` labels an alert has, like Alertmanager's dispatcher. */
export function groupAlerts(views: readonly AlertView[]): AlertGroup[] {
  const groups = new Map<string, { labels: WireLabels; receiver: Receiver; alerts: GettableAlert[] }>();
  for (const view of views) {
    const labels: Record<string, string> = {};
    for (const name of GROUP_BY) {
      const value = view.alert.labels[name];
      if (value !== undefined) labels[name] = value;
    }
    for (const receiver of view.receivers) {
      const key = `${receiver.name}\u0000${JSON.stringify(labels)}`;
      let group = groups.get(key);
      if (!group) {
        group = { labels, receiver, alerts: [] };
        groups.set(key, group);
      }
      group.alerts.push(toGettableAlert(view));
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({ alerts: group.alerts, labels: group.labels, receiver: group.receiver }));
}
