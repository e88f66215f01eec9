import type { BurnFactors, BurnRates, BurnRule, BurnWindow, SloState } from '../../domain/index.js';

/**
 * The multi-window multi-burn-rate rules (SRE Workbook, "Alerting on SLOs", table 5-8): a rule trips
 * when both its long and its short window burn faster than its factor, so a spike that has already
 * stopped (short window calm) no longer pages.
 */
const RULES: readonly Readonly<{
  rule: BurnRule;
  long: BurnWindow;
  short: BurnWindow;
  factor: keyof BurnFactors;
}>[] = [
  { rule: 'page-fast', long: '1h', short: '5m', factor: 'pageFast' },
  { rule: 'page-slow', long: '6h', short: '30m', factor: 'pageSlow' },
  { rule: 'ticket-fast', long: '1d', short: '2h', factor: 'ticketFast' },
  { rule: 'ticket-slow', long: '3d', short: '6h', factor: 'ticketSlow' },
];

/** The windows and factor of each rule, for the detail view's table. */
export function burnRuleWindows(
  rule: BurnRule,
): Readonly<{ long: BurnWindow; short: BurnWindow; factor: keyof BurnFactors }> {
  const found = RULES.find((entry) => entry.rule === rule);
  if (!found) throw new Error(`unknown burn rule ${rule}`);
  return found;
}

/** The rules whose two windows both burn faster than their factor; a window without numbers never trips. */
export function trippingRules(rates: BurnRates, factors: BurnFactors): BurnRule[] {
  return RULES.filter(({ long, short, factor }) => {
    const longRate = rates[long];
    const shortRate = rates[short];
    return (
      longRate !== null && shortRate !== null && longRate > factors[factor] && shortRate > factors[factor]
    );
  }).map(({ rule }) => rule);
}

/** page when a page rule trips, else ticket when a ticket rule trips, else ok. */
export function burnState(tripping: readonly BurnRule[]): Extract<SloState, 'ok' | 'ticket' | 'page'> {
  if (tripping.some((rule) => rule.startsWith('page'))) return 'page';
  if (tripping.some((rule) => rule.startsWith('ticket'))) return 'ticket';
  return 'ok';
}
