import type { Language, Translate } from '../i18n/messages';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45s", "12m", "3h", "3h 4m", "2d", "2d 5h" (and the zh-CN forms): precise enough to read across a room. */
export function formatDuration(ms: number, t: Translate): string {
  const safe = Math.max(0, ms);
  if (safe < MINUTE) return t('duration.seconds', { s: Math.floor(safe / SECOND) });
  if (safe < HOUR) return t('duration.minutes', { m: Math.floor(safe / MINUTE) });
  if (safe < DAY) {
    const h = Math.floor(safe / HOUR);
    const m = Math.floor((safe % HOUR) / MINUTE);
    return m === 0 ? t('duration.hours', { h }) : t('duration.hoursMinutes', { h, m });
  }
  const d = Math.floor(safe / DAY);
  const h = Math.floor((safe % DAY) / HOUR);
  return h === 0 ? t('duration.days', { d }) : t('duration.daysHours', { d, h });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${language}|${JSON.stringify(options)}`;
  let cached = formatters.get(cacheKey);
  if (!cached) {
    cached = new Intl.DateTimeFormat(language, options);
    formatters.set(cacheKey, cached);
  }
  return cached;
}

/** 24-hour "14:02:05", in local time or in the given zone (the war room's UTC clock). */
export function formatClock(ms: number, language: Language, timeZone?: string): string {
  return formatter(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(ms);
}

/** "14:02" today, "11-20 14:02" on another day: for "as of" marks on stale data. */
export function formatAsOf(iso: string, language: Language, now: number): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const sameDay = at.toDateString() === new Date(now).toDateString();
  return formatter(language, {
    ...(sameDay ? {} : { month: '2-digit', day: '2-digit' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/**
 * Full local date and time for detail panels, with the zone: "2026-12-02 14:02:05 UTC" (year first
 * in both languages: "12/02/2026" reads as two different days in two countries).
 */
export function formatDateTime(iso: string, language: Language): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const parts = formatter(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}

/** Milliseconds since an ISO time, or undefined for a missing or unreadable one. */
export function ageMs(iso: string | undefined, now: number): number | undefined {
  if (iso === undefined) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : Math.max(0, now - at);
}
