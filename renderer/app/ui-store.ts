import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AlertSort } from '../../src/api/contract.js';
import type { AlertState, Severity } from '../../src/domain/index.js';
import { detectLanguage, isLanguage } from '../i18n/messages';
import type { Language } from '../i18n/messages';
import type { View } from './features';

/** The feature a bare URL opens. */
export const DEFAULT_VIEW: View = 'war-room';
export type Theme = 'dark' | 'light';

/** The alert list's filter as the UI edits it; empty lists and strings mean "any". */
export type AlertListFilter = Readonly<{
  severity: readonly Severity[];
  state: readonly AlertState[];
  source: readonly string[];
  service: string;
  q: string;
  label: readonly string[];
  /** Only alerts nobody has claimed. */
  unclaimed: boolean;
  sort: AlertSort;
}>;

export const DEFAULT_ALERT_FILTER: AlertListFilter = {
  severity: [],
  // Resolved alerts are history, not work: the list starts with what still needs attention.
  state: ['firing', 'acknowledged', 'silenced'],
  source: [],
  service: '',
  q: '',
  label: [],
  unclaimed: false,
  sort: 'severity',
};

export type PendingSilence = Readonly<{ silenceId: string; requestedAt: number }>;

export type UiState = Readonly<{
  view: View;
  filter: AlertListFilter;
  selectedAlertId: string | undefined;
  language: Language;
  theme: Theme;
  /** Wall mode (`?wall=1`): no controls, larger, rotating, never showing old data as current. */
  wall: boolean;
  /** Who is silencing: remembered so the operator types it once per machine. */
  silenceAuthor: string;
  /** Silences sent but not yet seen on the alert by a later poll, by alert id. */
  pendingSilences: Readonly<Record<string, PendingSilence>>;
  setView(view: View): void;
  setFilter(patch: Partial<AlertListFilter>): void;
  resetFilter(): void;
  /** Opens the alerts view on one alert (deep links, notification clicks, the board). */
  selectAlert(id: string | undefined): void;
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
  setSilenceAuthor(name: string): void;
  markSilenceRequested(alertId: string, silenceId: string): void;
  clearPendingSilence(alertId: string): void;
}>;

export type UiStore = StoreApi<UiState>;

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const STORAGE_KEYS = {
  language: 'cockpit.language',
  theme: 'cockpit.theme',
  silenceAuthor: 'cockpit.silence.createdBy',
} as const;

/** Reads storage without throwing: private modes and sandboxed frames may refuse access. */
export function readStored(storage: KeyValueStorage | undefined, key: string): string | undefined {
  try {
    return storage?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(storage: KeyValueStorage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Remembering a preference is a convenience; failing to is not worth an error on screen.
  }
}

export type UiStoreOptions = Readonly<{
  storage?: KeyValueStorage;
  navigatorLanguage?: string;
  initial?: Partial<Pick<UiState, 'view' | 'selectedAlertId' | 'filter' | 'language' | 'theme' | 'wall'>>;
}>;

export function createUiStore(options: UiStoreOptions = {}): UiStore {
  const { storage, initial = {} } = options;
  const storedLanguage = readStored(storage, STORAGE_KEYS.language);
  const storedTheme = readStored(storage, STORAGE_KEYS.theme);
  return createStore<UiState>()((set) => ({
    view: initial.view ?? (initial.selectedAlertId ? 'alerts' : DEFAULT_VIEW),
    filter: initial.filter ?? DEFAULT_ALERT_FILTER,
    selectedAlertId: initial.selectedAlertId,
    language:
      initial.language ??
      (isLanguage(storedLanguage) ? storedLanguage : detectLanguage(options.navigatorLanguage)),
    theme: initial.theme ?? (storedTheme === 'light' || storedTheme === 'dark' ? storedTheme : 'dark'),
    wall: initial.wall ?? false,
    silenceAuthor: readStored(storage, STORAGE_KEYS.silenceAuthor) ?? '',
    pendingSilences: {},
    setView: (view) => set({ view }),
    setFilter: (patch) => set((state) => ({ filter: { ...state.filter, ...patch } })),
    resetFilter: () => set({ filter: DEFAULT_ALERT_FILTER }),
    selectAlert: (id) =>
      set(id === undefined ? { selectedAlertId: undefined } : { selectedAlertId: id, view: 'alerts' }),
    setLanguage(language) {
      writeStored(storage, STORAGE_KEYS.language, language);
      set({ language });
    },
    setTheme(theme) {
      writeStored(storage, STORAGE_KEYS.theme, theme);
      set({ theme });
    },
    setSilenceAuthor(name) {
      writeStored(storage, STORAGE_KEYS.silenceAuthor, name);
      set({ silenceAuthor: name });
    },
    markSilenceRequested: (alertId, silenceId) =>
      set((state) => ({
        pendingSilences: { ...state.pendingSilences, [alertId]: { silenceId, requestedAt: Date.now() } },
      })),
    clearPendingSilence: (alertId) =>
      set((state) => {
        if (!(alertId in state.pendingSilences)) return state;
        const { [alertId]: _cleared, ...rest } = state.pendingSilences;
        return { pendingSilences: rest };
      }),
  }));
}
