import type { AlertRecord, AlertState } from '../../domain/index.js';
import { alertId, mapSeverity } from '../../domain/index.js';
import type { AlertmanagerPollConfig } from './config.js';
import { safeHttpUrl, serviceFrom, summaryFrom } from '../common/map-labels.js';
import type { GettableAlert } from './schema.js';

function stateOf(alert: GettableAlert): AlertState {
  // Suppressed covers silences, inhibitions and mute time intervals: muted at the source either way.
  return alert.status.state === 'suppressed' ? 'silenced' : 'firing';
}

/** Maps one Alertmanager alert onto the cockpit's record; undefined when severity mapping filters it. */
export function mapAlertmanagerAlert(
  alert: GettableAlert,
  source: AlertmanagerPollConfig,
): AlertRecord | undefined {
  const severity = mapSeverity(alert.labels, source.severity);
  if (severity === 'filtered') return undefined;
  const name = alert.labels.alertname ?? '(no alertname)';
  const annotations = alert.annotations;
  return {
    id: alertId(source.id, alert.fingerprint),
    sourceId: source.id,
    fingerprint: alert.fingerprint,
    name,
    severity,
    state: stateOf(alert),
    startsAt: alert.startsAt,
    updatedAt: alert.updatedAt ?? alert.startsAt,
    endsAt: alert.endsAt,
    summary: summaryFrom(annotations, name),
    description: annotations.description ?? '',
    labels: alert.labels,
    annotations,
    service: serviceFrom(alert.labels, source),
    runbookUrl: safeHttpUrl(annotations.runbook_url ?? annotations.runbook),
    generatorUrl: safeHttpUrl(alert.generatorURL),
    silencedBy: alert.status.silencedBy ?? [],
    inhibitedBy: [...(alert.status.inhibitedBy ?? []), ...(alert.status.mutedBy ?? [])],
    receivers: alert.receivers.map((receiver) => receiver.name),
  };
}

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...new Set([...a, ...b])].sort();
}

/**
 * Merges what the members of one HA cluster reported into one list, one alert per fingerprint.
 * Members gossip silences eventually, so a silence seen by any member counts; the most recently
 * updated copy supplies everything else.
 */
export function mergeByFingerprint(members: readonly (readonly AlertRecord[])[]): AlertRecord[] {
  if (members.length === 1) return [...(members[0] ?? [])];
  const merged = new Map<string, AlertRecord>();
  for (const alerts of members) {
    for (const alert of alerts) {
      const seen = merged.get(alert.fingerprint);
      if (!seen) {
        merged.set(alert.fingerprint, alert);
        continue;
      }
      const newer = alert.updatedAt > seen.updatedAt ? alert : seen;
      const silencedBy = union(seen.silencedBy, alert.silencedBy);
      const inhibitedBy = union(seen.inhibitedBy, alert.inhibitedBy);
      const muted = silencedBy.length > 0 || inhibitedBy.length > 0;
      merged.set(alert.fingerprint, {
        ...newer,
        silencedBy,
        inhibitedBy,
        receivers: union(seen.receivers, alert.receivers),
        state: muted && newer.state === 'firing' ? 'silenced' : newer.state,
      });
    }
  }
  return [...merged.values()];
}
