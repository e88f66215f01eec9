import { zonedParts, zonedToUtc } from '../../domain/index.js';
import type { Change, ChangeRecord, FreezeHit, FreezeRule, FreezeWindow } from '../../domain/index.js';

const DAY_MS = 86_400_000;
const WEEK_MINUTES = 7 * 1440;
/** A weekly rule over a range longer than this many weeks is cut (the calendar never asks for more). */
const MAX_WEEKS = 120;

const iso = (ms: number) => new Date(ms).toISOString();

function windowOf(rule: FreezeRule, startMs: number, endMs: number): FreezeWindow {
  return {
    name: rule.name,
    startsAt: iso(startMs),
    endsAt: iso(endMs),
    environments: rule.environments,
    exemptions: rule.exemptions,
    greenChannels: rule.greenChannels,
    source: 'config',
  };
}

/** The occurrences of a weekly rule that overlap [fromMs, toMs), in the rule's time zone. */
function weeklyWindows(
  rule: FreezeRule & { when: { type: 'weekly' } },
  fromMs: number,
  toMs: number,
): FreezeWindow[] {
  const { from, to } = rule.when;
  // How long one occurrence lasts in wall-clock minutes: up to the next `to` after `from`.
  let length =
    (to.weekday * 1440 + to.minutes - (from.weekday * 1440 + from.minutes) + WEEK_MINUTES) % WEEK_MINUTES;
  if (length === 0) length = WEEK_MINUTES;
  // Start a week early: an occurrence that began before the range may still cover its start.
  const first = zonedParts(rule.timeZone, fromMs - 7 * DAY_MS);
  const windows: FreezeWindow[] = [];
  let day = first.day + ((from.weekday - first.weekday + 7) % 7);
  for (let week = 0; week < MAX_WEEKS; week += 1, day += 7) {
    const startMs = zonedToUtc(rule.timeZone, first.year, first.month, day, from.minutes);
    if (startMs >= toMs) break;
    const endMs = zonedToUtc(rule.timeZone, first.year, first.month, day, from.minutes + length);
    if (endMs > fromMs) windows.push(windowOf(rule, startMs, endMs));
  }
  return windows;
}

/** The concrete windows of the configured freeze rules that overlap [fromMs, toMs), by start. */
export function expandFreezeRules(
  rules: readonly FreezeRule[],
  fromMs: number,
  toMs: number,
): FreezeWindow[] {
  const windows: FreezeWindow[] = [];
  for (const rule of rules) {
    if (rule.when.type === 'weekly') {
      windows.push(...weeklyWindows({ ...rule, when: rule.when }, fromMs, toMs));
      continue;
    }
    const { from, to } = rule.when;
    const startMs = zonedToUtc(rule.timeZone, from.year, from.month, from.day, from.minutes);
    const endMs = zonedToUtc(rule.timeZone, to.year, to.month, to.day, to.minutes);
    if (startMs < toMs && endMs > fromMs) windows.push(windowOf(rule, startMs, endMs));
  }
  return sortWindows(windows);
}

/** Windows by start, then end, then name: the order every answer uses. */
export function sortWindows(windows: readonly FreezeWindow[]): FreezeWindow[] {
  return [...windows].sort(
    (a, b) =>
      a.startsAt.localeCompare(b.startsAt) ||
      a.endsAt.localeCompare(b.endsAt) ||
      a.name.localeCompare(b.name),
  );
}

/** Whether a window applies to an environment; a change that names none is held to every freeze. */
function appliesTo(window: FreezeWindow, environment: string | undefined): boolean {
  return (
    window.environments.length === 0 || environment === undefined || window.environments.includes(environment)
  );
}

function covers(window: FreezeWindow, atMs: number): boolean {
  return Date.parse(window.startsAt) <= atMs && atMs < Date.parse(window.endsAt);
}

/** The windows in force at an instant (for an environment, or any). */
export function freezesAt(
  windows: readonly FreezeWindow[],
  atMs: number,
  environment?: string,
): FreezeWindow[] {
  return windows.filter((window) => covers(window, atMs) && appliesTo(window, environment));
}

/** The freeze in force now (the one ending last, when several overlap) and the next one to start. */
export function currentAndNextFreeze(
  windows: readonly FreezeWindow[],
  nowMs: number,
): Readonly<{ active?: FreezeWindow; next?: FreezeWindow }> {
  let active: FreezeWindow | undefined;
  let next: FreezeWindow | undefined;
  for (const window of windows) {
    if (covers(window, nowMs)) {
      if (active === undefined || window.endsAt > active.endsAt) active = window;
    } else if (
      Date.parse(window.startsAt) > nowMs &&
      (next === undefined || window.startsAt < next.startsAt)
    ) {
      next = window;
    }
  }
  return { ...(active ? { active } : {}), ...(next ? { next } : {}) };
}

/** Why a window lets this change through, or undefined when it does not. */
function exemption(window: FreezeWindow, change: ChangeRecord, startMs: number): string | undefined {
  if (change.services.length > 0 && change.services.every((service) => window.exemptions.includes(service))) {
    return `exempt: ${change.services.join(', ')}`;
  }
  const channel = window.greenChannels.find(
    (green) =>
      change.services.includes(green.service) &&
      Date.parse(green.startsAt) <= startMs &&
      startMs < Date.parse(green.endsAt),
  );
  return channel ? `green channel for ${channel.service}, approved by ${channel.approvedBy}` : undefined;
}

/**
 * The freeze a change starts in: an unexempted window first (that is what gets flagged), else an
 * exempted one (shown as "exempt"), else undefined. Cancelled changes never count.
 */
export function freezeOf(change: ChangeRecord, windows: readonly FreezeWindow[]): FreezeHit | undefined {
  if (change.status === 'cancelled') return undefined;
  const startMs = Date.parse(change.startsAt);
  let exempted: FreezeHit | undefined;
  for (const window of freezesAt(windows, startMs, change.environment)) {
    const exemptBy = exemption(window, change, startMs);
    if (exemptBy === undefined) return { name: window.name };
    exempted ??= { name: window.name, exemptBy };
  }
  return exempted;
}

/** A change with its freeze mark, as the api answers it. */
export function withFreeze(change: ChangeRecord, windows: readonly FreezeWindow[], stale?: boolean): Change {
  const freeze = freezeOf(change, windows);
  return {
    ...change,
    insideFreeze: freeze !== undefined && freeze.exemptBy === undefined,
    ...(freeze ? { freeze } : {}),
    ...(stale ? { stale } : {}),
  };
}
