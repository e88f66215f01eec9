import type { Language } from '../i18n/messages';

/** 99.95 % with as many decimals as the objective needs (two at least), for the language. */
export function formatPercent(ratio: number, language: Language, digits = 2): string {
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(ratio);
}

/** An objective: 99.9 %, 99.95 %, 95 %: the decimals it was written with. */
export function formatObjective(ratio: number, language: Language): string {
  const percent = Math.round(ratio * 1e6) / 1e4;
  const decimals = (String(percent).split('.')[1] ?? '').length;
  return formatPercent(ratio, language, decimals);
}

/** A burn rate: 14.4×, 0.52×; a dash when the window had no numbers. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${rate >= 10 ? rate.toFixed(1) : rate.toFixed(2)}×`;
}

/** The width of the budget bar: the share left, 0 when overspent. */
export function budgetBarWidth(remaining: number | undefined): number {
  if (remaining === undefined) return 0;
  return Math.max(0, Math.min(1, remaining)) * 100;
}
