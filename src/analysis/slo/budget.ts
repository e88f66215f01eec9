/**
 * Error-budget arithmetic (Google SRE Workbook, "Implementing SLOs" and "Alerting on SLOs"):
 * error budget = 1 − objective; burn rate = error ratio / budget; budget consumed = error ratio over
 * the SLO window / budget; remaining = 1 − consumed (negative once overspent). Pure functions.
 */

/** Errors / total; undefined when there were no events (0/0 is "no data", not 100 %). */
export function errorRatio(errors: number, total: number): number | undefined {
  if (!Number.isFinite(errors) || !Number.isFinite(total) || total <= 0) return undefined;
  // A counter reset between the two queries can make errors > total for a moment: clamp to [0, 1].
  return Math.min(1, Math.max(0, errors / total));
}

/** The fraction of events allowed to fail: 1 − objective. */
export function errorBudget(objective: number): number {
  return 1 - objective;
}

/** How many times faster than "exactly the budget over the window" errors are being spent. */
export function burnRate(ratio: number, objective: number): number {
  const budget = errorBudget(objective);
  return budget > 0 ? ratio / budget : Number.POSITIVE_INFINITY;
}

/** The share of the budget spent over the window (1 = all of it, 1.5 = overspent by half). */
export function budgetConsumed(ratio: number, objective: number): number {
  return burnRate(ratio, objective);
}

/** 1 − consumed; negative when overspent (the board shows −50 %, not 0 %). */
export function budgetRemaining(ratio: number, objective: number): number {
  return 1 - budgetConsumed(ratio, objective);
}

/**
 * How long until the remaining budget is gone at `rate` (a burn rate of 1 spends a whole budget in one
 * window): remaining × window / rate. 0 when already spent; undefined when nothing is burning.
 */
export function timeToExhaustionMs(remaining: number, rate: number, windowMs: number): number | undefined {
  if (remaining <= 0) return 0;
  if (!(rate > 0) || !Number.isFinite(rate)) return undefined;
  return (remaining * windowMs) / rate;
}
