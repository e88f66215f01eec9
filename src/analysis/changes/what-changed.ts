import type { AlertChange, Change } from '../../domain/index.js';

/**
 * How far a change's service is from an alert's, in dependency hops (0: the same service), or
 * undefined when they are unrelated. The topology issue passes one that walks the graph.
 */
export type ServiceDistance = (alertService: string, changeService: string) => number | undefined;

/** Until the topology lands: only the alert's own service is related to it. */
export const sameServiceOnly: ServiceDistance = (alertService, changeService) =>
  alertService === changeService ? 0 : undefined;

export type WhatChangedOptions = Readonly<{
  /** How long before the alert's start a change still counts (default 4 h). */
  lookBackMs?: number;
  distance?: ServiceDistance;
  /** At most this many candidates, best first (default 20). */
  limit?: number;
}>;

export const DEFAULT_LOOK_BACK_MS = 4 * 3_600_000;
/** The time score halves when a change started this long before the alert. */
const HALF_SCORE_MINUTES = 30;
/** A change still running when the alert started never scores below this (before graph distance). */
const IN_PROGRESS_FLOOR = 0.5;

function durationText(minutes: number): string {
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes - hours * 60);
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function reasonText(hops: number, service: string, minutesBefore: number, inProgress: boolean): string {
  const where = hops === 0 ? 'same service' : `${service}, ${hops} hop${hops === 1 ? '' : 's'} away`;
  const when = `${durationText(minutesBefore)} before`;
  return inProgress ? `${where}, in progress (started ${when})` : `${where}, ${when}`;
}

/**
 * "What changed" for an alert: changes on its service (or, with a distance, near it) that started in
 * the look-back window before the alert started, or were still running when it did; cancelled ones
 * are left out. Scored by time closeness (1 at the alert's start, ½ after 30 min; at least ½ while
 * still running) times graph closeness (1 / (1 + hops)), best first; ties go to the later start,
 * then the id.
 */
export function changesBeforeAlert(
  alert: Readonly<{ service?: string; startsAt: string }>,
  changes: readonly Change[],
  options: WhatChangedOptions = {},
): AlertChange[] {
  const service = alert.service;
  if (service === undefined) return [];
  const lookBackMs = options.lookBackMs ?? DEFAULT_LOOK_BACK_MS;
  const distance = options.distance ?? sameServiceOnly;
  const alertMs = Date.parse(alert.startsAt);
  const found: AlertChange[] = [];
  for (const change of changes) {
    if (change.status === 'cancelled') continue;
    const startMs = Date.parse(change.startsAt);
    if (startMs > alertMs) continue;
    const inProgress = alertMs < Date.parse(change.endsAt);
    if (!inProgress && startMs < alertMs - lookBackMs) continue;
    let nearest: { hops: number; service: string } | undefined;
    for (const changeService of change.services) {
      const hops = distance(service, changeService);
      if (hops !== undefined && (nearest === undefined || hops < nearest.hops)) {
        nearest = { hops, service: changeService };
      }
    }
    if (nearest === undefined) continue;
    const minutesBefore = (alertMs - startMs) / 60_000;
    // A change still running stays suspect however long ago it began, but below a fresh one.
    const sinceStart = 1 / (1 + minutesBefore / HALF_SCORE_MINUTES);
    const timeScore = inProgress ? Math.max(sinceStart, IN_PROGRESS_FLOOR) : sinceStart;
    const score = timeScore / (1 + nearest.hops);
    found.push({
      change,
      score: Math.round(score * 1000) / 1000,
      reason: {
        hops: nearest.hops,
        minutesBefore: Math.round(minutesBefore),
        inProgress,
        text: reasonText(nearest.hops, nearest.service, minutesBefore, inProgress),
      },
    });
  }
  found.sort(
    (a, b) =>
      b.score - a.score ||
      b.change.startsAt.localeCompare(a.change.startsAt) ||
      a.change.id.localeCompare(b.change.id),
  );
  return found.slice(0, options.limit ?? 20);
}
