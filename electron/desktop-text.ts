import type { Severity } from '../src/domain/index.js';
import { NOTIFICATION_TEXT_EN, NOTIFICATION_TEXT_ZH_CN } from '../src/notifications/text.js';
import type { Language } from './settings.js';

/** The words the main process shows itself (tray, dialogs, notifications); the renderer has its own i18n. */
export type DesktopText = Readonly<{
  /** The language these words are in; notifications come from the core in every language. */
  language: Language;
  appName: string;
  show: string;
  pauseNotifications: string;
  resumeNotifications: string;
  notifyAt: string;
  /** The tray's item that opens the war room view. */
  openWarRoom: string;
  /** The tray's snooze (every screen's rings, for an hour) and its end. */
  snoozeHour: string;
  endSnooze: string;
  /** Tooltip line while snoozed. */
  snoozedUntil(time: string): string;
  /** Tooltip line: firing critical/high nobody has claimed. */
  unclaimed(critical: number, high: number): string;
  /** The tray's checkbox: this display is a wall (no controls, never sleeps). */
  wallMode: string;
  quit: string;
  severity: Readonly<Record<Severity, string>>;
  /** Tray tooltip: firing critical and high counts. */
  firing(critical: number, high: number): string;
  notificationsPaused: string;
  startFailedTitle: string;
}>;

const EN: DesktopText = {
  language: 'en',
  appName: 'On-Call Cockpit',
  show: 'Show On-Call Cockpit',
  pauseNotifications: 'Pause notifications',
  resumeNotifications: 'Resume notifications',
  notifyAt: 'Notify at',
  openWarRoom: 'Open war room',
  snoozeHour: 'Snooze rings for 1 hour',
  endSnooze: 'End snooze',
  snoozedUntil: (time) => `rings snoozed until ${time}`,
  unclaimed: (critical, high) => `unclaimed: ${critical} critical, ${high} high`,
  wallMode: 'Wall display (no controls, stay awake)',
  quit: 'Quit',
  severity: NOTIFICATION_TEXT_EN.severity,
  firing: (critical, high) => `${critical} critical, ${high} high firing`,
  notificationsPaused: 'notifications paused',
  startFailedTitle: 'On-Call Cockpit could not start',
};

const ZH_CN: DesktopText = {
  language: 'zh-CN',
  appName: 'On-Call Cockpit',
  show: '显示 On-Call Cockpit',
  pauseNotifications: '暂停通知',
  resumeNotifications: '恢复通知',
  notifyAt: '通知级别',
  openWarRoom: '打开作战大屏',
  snoozeHour: '暂停响铃 1 小时',
  endSnooze: '结束暂停',
  snoozedUntil: (time) => `响铃已暂停至 ${time}`,
  unclaimed: (critical, high) => `未认领：致命 ${critical} 条，严重 ${high} 条`,
  wallMode: '大屏模式（隐藏控件，保持亮屏）',
  quit: '退出',
  severity: NOTIFICATION_TEXT_ZH_CN.severity,
  firing: (critical, high) => `致命 ${critical} 条，严重 ${high} 条正在触发`,
  notificationsPaused: '通知已暂停',
  startFailedTitle: 'On-Call Cockpit 无法启动',
};

/** The language setting, else the OS locale (`app.getLocale()`): Chinese locales get zh-CN. */
export function resolveLanguage(setting: Language | undefined, locale: string): Language {
  return setting ?? (locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
}

export function desktopText(language: Language): DesktopText {
  return language === 'zh-CN' ? ZH_CN : EN;
}
