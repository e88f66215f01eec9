/**
 * Alerts posted to the demo (`POST /api/v2/alerts`, or `injectAlert` from tests): stored and merged the
 * way Alertmanager stores alerts from Prometheus, and shown next to the simulated ones.
 */
import type { DemoAlert } from '../estate/demo-alert.js';
import { alertFingerprint } from '../estate/fingerprint.js';
import { handlerError } from './am-errors.js';
import type { AlertInput } from './am-validation.js';
import { isLabelName } from './matchers.js';

/** Alertmanager's default `resolve_timeout`: an alert posted without endsAt resolves after this. */
const RESOLVE_TIMEOUT_MS = 5 * 60_000;

/** The store of posted alerts. */
export type AlertInbox = Readonly<{
  /** Stores the valid alerts and returns their fingerprints; then throws a 400 listing the invalid ones. */
  post(inputs: readonly AlertInput[], nowMs: number): string[];
  /** The posted alerts still firing at `nowMs`; resolved ones are dropped. */
  activeAt(nowMs: number): DemoAlert[];
}>;

function validate(alert: DemoAlert): string | undefined {
  if (alert.endsAt < alert.startsAt) return 'start time must be before end time';
  for (const name of Object.keys(alert.labels)) {
    if (!isLabelName(name)) return `invalid label set: invalid name "${name}"`;
  }
  if (Object.keys(alert.labels).length === 0) return 'at least one label pair required';
  for (const name of Object.keys(alert.annotations)) {
    if (!isLabelName(name)) return `invalid annotations: invalid name "${name}"`;
  }
  return undefined;
}

/** Creates an empty inbox. */
export function createAlertInbox(): AlertInbox {
  const alerts = new Map<string, DemoAlert>();
  return {
    post(inputs, nowMs) {
      const errors: string[] = [];
      const fingerprints: string[] = [];
      for (const input of inputs) {
        // Alertmanager's defaults: no start means now (or the end, if only that is given); no end means
        // "resolve unless re-sent within resolve_timeout".
        const startsAt = input.startsAt ?? input.endsAt ?? nowMs;
        const alert: DemoAlert = {
          fingerprint: alertFingerprint(input.labels),
          labels: input.labels,
          annotations: input.annotations,
          startsAt,
          updatedAt: nowMs,
          endsAt: input.endsAt ?? nowMs + RESOLVE_TIMEOUT_MS,
          generatorURL: input.generatorURL,
        };
        const problem = validate(alert);
        if (problem) {
          errors.push(problem);
          continue;
        }
        const previous = alerts.get(alert.fingerprint);
        // Re-sending a firing alert keeps its original start, as Alertmanager's merge does.
        const merged =
          previous && previous.endsAt >= nowMs && previous.startsAt < alert.startsAt
            ? { ...alert, startsAt: previous.startsAt }
            : alert;
        alerts.set(alert.fingerprint, merged);
        fingerprints.push(alert.fingerprint);
      }
      if (errors.length > 0) throw handlerError(400, errors.join('; '));
      return fingerprints;
    },
    activeAt(nowMs) {
      const active: DemoAlert[] = [];
      for (const [fingerprint, alert] of alerts) {
        if (alert.endsAt < nowMs) alerts.delete(fingerprint);
        else active.push(alert);
      }
      return active;
    },
  };
}
