import type { Language, Severity } from '../domain/index.js';

/** The words a notification is built from; the desktop host picks the language. */
export type NotificationText = Readonly<{
  severity: Readonly<Record<Severity, string>>;
  /** Title of the one notification that stands for the alerts already firing at start. */
  backlogTitle(count: number): string;
  /** Title of the one notification that stands for many alerts that started at once (a storm). */
  stormTitle(count: number): string;
  /** Last line of a summary's body when it lists only some of its alerts. */
  andMore(count: number): string;
}>;

export const NOTIFICATION_TEXT_EN: NotificationText = {
  severity: { critical: 'Critical', high: 'High', warning: 'Warning', info: 'Info' },
  backlogTitle: (count) => `${count} alert${count === 1 ? '' : 's'} firing`,
  stormTitle: (count) => `${count} new alerts firing`,
  andMore: (count) => `and ${count} more`,
};

export const NOTIFICATION_TEXT_ZH_CN: NotificationText = {
  severity: { critical: '致命', high: '严重', warning: '预警', info: '提醒' },
  backlogTitle: (count) => `${count} 条告警正在触发`,
  stormTitle: (count) => `${count} 条新告警正在触发`,
  andMore: (count) => `另有 ${count} 条`,
};

/** The built-in words, per language: the core renders every intent in each (see decide.ts). */
export const NOTIFICATION_TEXTS: Readonly<Record<Language, NotificationText>> = {
  en: NOTIFICATION_TEXT_EN,
  'zh-CN': NOTIFICATION_TEXT_ZH_CN,
};

// C0/C1 controls and bidi overrides: alert text is untrusted and must not reorder or hide what a
// notification shows (e.g. U+202E turning "gpj.exe" into "exe.jpg").
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** Untrusted text as one plain line of at most `maxLength` characters. */
export function plainLine(text: string, maxLength: number): string {
  const line = text.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return line.length <= maxLength ? line : `${line.slice(0, maxLength - 1).trimEnd()}…`;
}
