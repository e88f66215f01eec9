/**
 * The demo Alertmanager's silences: created, updated and expired like Alertmanager's (same validation
 * messages, same states, same list order), and applied to alerts at query time.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AmHttpError, handlerError } from './am-errors.js';
import type { GettableSilence, SilenceMatcher, SilenceState, WireLabels } from './am-types.js';
import type { SilenceInput } from './am-validation.js';
import { createMatcher, isLabelName, matchesAll, matchesFilter } from './matchers.js';
import type { LabelMatcher } from './matchers.js';

type StoredSilence = {
  id: string;
  matchers: readonly SilenceMatcher[];
  compiled: readonly LabelMatcher[];
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
};

/** A silence that is in force, with its matchers compiled. */
export type ActiveSilence = Readonly<{ id: string; matchers: readonly LabelMatcher[] }>;

/** Where silences live; every method takes the time so the store never reads a clock itself. */
export type SilenceStore = Readonly<{
  /** Creates or updates a silence and returns its id; throws AmHttpError as Alertmanager would. */
  upsert(input: SilenceInput, nowMs: number): string;
  get(id: string, nowMs: number): GettableSilence | undefined;
  /** All silences in Alertmanager's order: active, then pending, then expired. */
  list(nowMs: number, filter: readonly LabelMatcher[]): GettableSilence[];
  /** Expires a silence; throws a 404 AmHttpError when unknown. */
  expire(id: string, nowMs: number): void;
  active(nowMs: number): ActiveSilence[];
}>;

/** Expired silences stay listed this long, as with Alertmanager's default `--data.retention`. */
const RETENTION_MS = 120 * 3_600_000;

function stateAt(silence: StoredSilence, nowMs: number): SilenceState {
  if (nowMs < silence.startsAt) return 'pending';
  return nowMs < silence.endsAt ? 'active' : 'expired';
}

function compile(matchers: readonly SilenceMatcher[]): LabelMatcher[] {
  return matchers.map((m, i) => {
    if (!isLabelName(m.name)) {
      throw handlerError(400, `silence invalid: invalid label matcher ${i}: invalid label name "${m.name}"`);
    }
    const type = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
    try {
      return createMatcher(m.name, type, m.value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw handlerError(400, `silence invalid: invalid label matcher ${i}: ${reason}`);
    }
  });
}

function sameMatchers(a: readonly SilenceMatcher[], b: readonly SilenceMatcher[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function toGettable(silence: StoredSilence, nowMs: number): GettableSilence {
  return {
    id: silence.id,
    status: { state: stateAt(silence, nowMs) },
    updatedAt: new Date(silence.updatedAt).toISOString(),
    comment: silence.comment,
    createdBy: silence.createdBy,
    endsAt: new Date(silence.endsAt).toISOString(),
    matchers: silence.matchers,
    startsAt: new Date(silence.startsAt).toISOString(),
  };
}

const STATE_ORDER: Readonly<Record<SilenceState, number>> = { active: 0, pending: 1, expired: 2 };

function compareForList(a: StoredSilence, b: StoredSilence, nowMs: number): number {
  const stateA = stateAt(a, nowMs);
  const stateB = stateAt(b, nowMs);
  if (stateA !== stateB) return STATE_ORDER[stateA] - STATE_ORDER[stateB];
  if (stateA === 'active') return a.endsAt - b.endsAt;
  if (stateA === 'pending') return a.startsAt - b.startsAt;
  return b.endsAt - a.endsAt;
}

type SavedSilence = Omit<StoredSilence, 'compiled'>;

/**
 * Reads silences saved by an earlier run. A file that cannot be read as silences is moved aside
 * (`<file>.corrupt-<time>`) rather than overwritten, and the demo starts without silences.
 */
function loadSaved(file: string): StoredSilence[] {
  if (!existsSync(file)) return [];
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(saved)) throw new Error('not a list');
    return (saved as SavedSilence[]).map((silence) => ({ ...silence, compiled: compile(silence.matchers) }));
  } catch {
    renameSync(file, `${file}.corrupt-${Date.now()}`);
    return [];
  }
}

/** Writes the silences to a temporary file and renames it over the old one: never half a file. */
function save(file: string, silences: Iterable<StoredSilence>): void {
  const saved: SavedSilence[] = [...silences].map(({ compiled: _compiled, ...rest }) => rest);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(saved));
  renameSync(temporary, file);
}

/**
 * Creates a silence store. With `file`, silences survive a restart as a real Alertmanager's do (it
 * keeps them in its `--storage.path`): they are read from the file and written back on every change.
 */
export function createSilenceStore(options: Readonly<{ file?: string }> = {}): SilenceStore {
  const silences = new Map<string, StoredSilence>();
  const { file } = options;
  if (file) for (const silence of loadSaved(file)) silences.set(silence.id, silence);
  const persist = () => {
    if (file) save(file, silences.values());
  };

  function expireStored(silence: StoredSilence, nowMs: number): void {
    const state = stateAt(silence, nowMs);
    if (state === 'expired') return;
    if (state === 'pending') silence.startsAt = nowMs;
    silence.endsAt = nowMs;
    silence.updatedAt = nowMs;
  }

  return {
    upsert(input, nowMs) {
      if (input.startsAt >= input.endsAt) {
        throw handlerError(400, 'Failed to create silence: start time must be before end time');
      }
      if (input.endsAt < nowMs)
        throw handlerError(400, "Failed to create silence: end time can't be in the past");
      const compiled = compile(input.matchers);
      if (compiled.every((matcher) => matcher.matches(''))) {
        throw handlerError(400, 'silence invalid: at least one matcher must not match the empty string');
      }
      const startsAt = Math.max(input.startsAt, nowMs);
      const previous = input.id === undefined ? undefined : silences.get(input.id);
      if (input.id !== undefined && !previous) throw handlerError(404, 'silence not found');
      if (
        previous &&
        stateAt(previous, nowMs) !== 'expired' &&
        sameMatchers(previous.matchers, input.matchers)
      ) {
        // Alertmanager updates in place when only times and texts change; an active silence keeps its start.
        if (stateAt(previous, nowMs) === 'pending') previous.startsAt = startsAt;
        Object.assign(previous, { endsAt: input.endsAt, comment: input.comment, createdBy: input.createdBy });
        previous.updatedAt = nowMs;
        persist();
        return previous.id;
      }
      if (previous) expireStored(previous, nowMs);
      const id = randomUUID();
      silences.set(id, {
        id,
        matchers: input.matchers,
        compiled,
        startsAt,
        endsAt: input.endsAt,
        updatedAt: nowMs,
        createdBy: input.createdBy,
        comment: input.comment,
      });
      persist();
      return id;
    },
    get(id, nowMs) {
      const silence = silences.get(id);
      return silence ? toGettable(silence, nowMs) : undefined;
    },
    list(nowMs, filter) {
      const listed: StoredSilence[] = [];
      for (const silence of silences.values()) {
        if (nowMs - silence.endsAt > RETENTION_MS) {
          silences.delete(silence.id);
          continue;
        }
        const asLabels: WireLabels = Object.fromEntries(silence.matchers.map((m) => [m.name, m.value]));
        if (matchesFilter(filter, asLabels)) listed.push(silence);
      }
      return listed.sort((a, b) => compareForList(a, b, nowMs)).map((silence) => toGettable(silence, nowMs));
    },
    expire(id, nowMs) {
      const silence = silences.get(id);
      if (!silence) throw new AmHttpError(404, `${JSON.stringify('silence not found')}\n`);
      expireStored(silence, nowMs);
      persist();
    },
    active(nowMs) {
      const active: ActiveSilence[] = [];
      for (const silence of silences.values()) {
        if (stateAt(silence, nowMs) === 'active') active.push({ id: silence.id, matchers: silence.compiled });
      }
      return active.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
  };
}

/** The ids of the silences that mute an alert with these labels (sorted, as Alertmanager lists them). */
export function silencedBy(active: readonly ActiveSilence[], labels: WireLabels): string[] {
  const ids: string[] = [];
  for (const silence of active) if (matchesAll(silence.matchers, labels)) ids.push(silence.id);
  return ids;
}
