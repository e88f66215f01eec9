import type { Severity } from '../../src/domain/index.js';
import type { Theme } from '../app/ui-store';

/**
 * Colours canvas charts need as values (they cannot read CSS). Keep in step with the
 * --severity-*, --text, --text-muted and --panel variables in app/theme.css.
 */
export type ChartPalette = Readonly<{
  severity: Readonly<Record<Severity, string>>;
  text: string;
  mutedText: string;
  gridLine: string;
  background: string;
}>;

export const PALETTES: Readonly<Record<Theme, ChartPalette>> = {
  dark: {
    severity: { critical: '#ff4d4f', high: '#ff8a1f', warning: '#ffd23f', info: '#4aa8ff' },
    text: '#f2f4f8',
    mutedText: '#b4bdcc',
    gridLine: '#2c3544',
    background: '#151a23',
  },
  light: {
    severity: { critical: '#c81e1e', high: '#c2410c', warning: '#a16207', info: '#1d4ed8' },
    text: '#111827',
    mutedText: '#4b5563',
    gridLine: '#d1d5db',
    background: '#ffffff',
  },
};
