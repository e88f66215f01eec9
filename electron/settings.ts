import Store from 'electron-store';
import type { Schema } from 'electron-store';
import { LANGUAGES, SEVERITIES } from '../src/domain/index.js';
import type { Language, Severity } from '../src/domain/index.js';
import type { WindowState } from './window-state.js';

export const THEMES = ['dark', 'light', 'system'] as const;
export type Theme = (typeof THEMES)[number];
export { LANGUAGES } from '../src/domain/index.js';
export type { Language } from '../src/domain/index.js';

/** What the desktop host remembers per user (in userData/settings.json, beside the cache). */
export type DesktopSettings = {
  window?: WindowState;
  theme: Theme;
  /** Absent: follow the OS language. */
  language?: Language;
  /** Absent: the config file's `notifications.minSeverity`. */
  notificationMinSeverity?: Severity;
  /** This display is a wall: the page opens with `?wall=1` and the display is kept awake. */
  wall?: boolean;
};

export type SettingsStore = Readonly<{
  get<K extends keyof DesktopSettings>(key: K): DesktopSettings[K];
  set<K extends keyof DesktopSettings>(key: K, value: NonNullable<DesktopSettings[K]>): void;
}>;

const integer = { type: 'integer', minimum: -100_000, maximum: 100_000 } as const;

const SCHEMA: Schema<DesktopSettings> = {
  window: {
    type: 'object',
    properties: {
      x: integer,
      y: integer,
      width: { type: 'integer', minimum: 1, maximum: 100_000 },
      height: { type: 'integer', minimum: 1, maximum: 100_000 },
      maximized: { type: 'boolean' },
      fullScreen: { type: 'boolean' },
    },
    required: ['width', 'height', 'maximized', 'fullScreen'],
    additionalProperties: false,
  },
  theme: { type: 'string', enum: [...THEMES], default: 'dark' },
  language: { type: 'string', enum: [...LANGUAGES] },
  notificationMinSeverity: { type: 'string', enum: [...SEVERITIES] },
  wall: { type: 'boolean' },
};

/**
 * Opens the settings file. A damaged or hand-edited file that breaks the schema is reset to the
 * defaults rather than stopping the cockpit: nothing in it is worth an outage of the war-room screen.
 * Notification pause is deliberately not persisted: a pause forgotten overnight must not survive a
 * restart and silence the next incident.
 */
export function openSettings(options: Readonly<{ cwd?: string }> = {}): SettingsStore {
  const store = new Store<DesktopSettings>({
    name: 'settings',
    schema: SCHEMA,
    clearInvalidConfig: true,
    accessPropertiesByDotNotation: false,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
  };
}
