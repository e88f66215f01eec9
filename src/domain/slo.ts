/**
 * SLOs and error budgets: what an SLO is (its definition, from Sloth, Pyrra, OpenSLO or cockpit.yaml)
 * and what the cockpit computed about it (its status). Ratios are fractions (0.999), never percents.
 */

/** ok: budget safe. ticket: slow burn (a ticket, not a page). page: fast burn. no-data: too few events. error: no numbers. */
export const SLO_STATES = ['ok', 'ticket', 'page', 'no-data', 'error'] as const;
export type SloState = (typeof SLO_STATES)[number];

/** The windows burn rates are computed over (Google SRE Workbook, multi-window multi-burn-rate). */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

export const BURN_WINDOW_MS: Readonly<Record<BurnWindow, number>> = {
  '5m': 300_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '6h': 21_600_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
};

/** Worst first: the order of tiles on the board. */
export const SLO_STATE_RANK: Readonly<Record<SloState, number>> = {
  page: 0,
  error: 1,
  ticket: 2,
  'no-data': 3,
  ok: 4,
};

/** A rolling window (the last 30 days) or the current calendar month in a time zone. */
export type SloWindow =
  | Readonly<{ kind: 'rolling'; ms: number }>
  | Readonly<{ kind: 'calendar'; period: 'month'; timeZone: string }>;

/**
 * How the SLI is read from Prometheus. Every query holds `{{.window}}` (Sloth's template), replaced by
 * a PromQL duration per window. `events`: errors and total per second (or counts); `ratio`: the error
 * ratio itself (Sloth's `raw`), which has no volume to guard.
 */
export type SloIndicator =
  | Readonly<{ kind: 'events'; errorQuery: string; totalQuery: string }>
  | Readonly<{ kind: 'ratio'; errorRatioQuery: string }>;

export const SLO_FORMATS = ['sloth', 'pyrra', 'openslo', 'inline'] as const;
export type SloFormat = (typeof SLO_FORMATS)[number];

/** Where a definition came from, for messages a person can act on. */
export type SloOrigin = Readonly<{ format: SloFormat; file?: string; line?: number }>;

/** One SLO as the cockpit evaluates it, whatever file format it came from. */
export type SloDefinition = Readonly<{
  /** Unique among all SLOs: `<service>-<name>` unless the file gives one. */
  id: string;
  name: string;
  service: string;
  description?: string;
  /** 0.999 for 99.9 %. */
  objective: number;
  window: SloWindow;
  indicator: SloIndicator;
  origin: SloOrigin;
  labels: Readonly<Record<string, string>>;
  /**
   * The name Pyrra's recording rules of this SLO start with (its total metric without `_total` or
   * `_count`: `http_requests` for `http_requests:burnrate5m`); only for ungrouped Pyrra SLOs.
   */
  pyrraRulePrefix?: string;
}>;

/** Burn-rate factors of the four alert rules (Workbook defaults: 14.4, 6, 3, 1). */
export type BurnFactors = Readonly<{
  pageFast: number;
  pageSlow: number;
  ticketFast: number;
  ticketSlow: number;
}>;

export const DEFAULT_BURN_FACTORS: BurnFactors = {
  pageFast: 14.4,
  pageSlow: 6,
  ticketFast: 3,
  ticketSlow: 1,
};

/** The four multi-window rules; one trips when both of its windows burn faster than its factor. */
export const BURN_RULES = ['page-fast', 'page-slow', 'ticket-fast', 'ticket-slow'] as const;
export type BurnRule = (typeof BURN_RULES)[number];

/** Burn rate per window; null when the window had too few events (or no answer) to say. */
export type BurnRates = Readonly<Record<BurnWindow, number | null>>;

/** What the cockpit computed about one SLO at one time. */
export type SloStatus = Readonly<{
  id: string;
  name: string;
  service: string;
  objective: number;
  /** `30d`, or `calendar month (Asia/Shanghai)`. */
  window: string;
  /** How much time the numbers cover (the elapsed part of a calendar month). */
  windowMs: number;
  format: SloFormat;
  state: SloState;
  /** 1 − error ratio over the window; absent when there were no numbers. */
  availability?: number;
  errorBudget: Readonly<{
    /** 1 − consumed; negative once the budget is overspent (shown, not clamped). */
    remaining?: number;
    consumed?: number;
  }>;
  burnRates: BurnRates;
  /** The multi-window rules currently tripping. */
  tripping: readonly BurnRule[];
  /** When the budget runs out at the current 1 h burn rate (ISO); absent when it does not. */
  exhaustsAt?: string;
  /** Events counted over the window (for the minimum-volume guard); absent for ratio SLIs. */
  events?: number;
  /** When these numbers were computed (ISO). */
  updatedAt: string;
  /** True when Prometheus could not be asked lately: the numbers are the last good ones. */
  stale: boolean;
  /** One sentence about what is wrong (a rejected query, short retention…); absent when all is well. */
  problem?: string;
  /**
   * `sloth-rules` or `pyrra-rules` when the numbers were read from the tool's recording rules instead
   * of the raw queries (Pyrra's: only the burn windows it records, listed in `recordedWindows`).
   */
  readFrom?: 'sloth-rules' | 'pyrra-rules';
  recordedWindows?: readonly BurnWindow[];
}>;

/** One point of an SLO's history (stored at each evaluation, or computed from query_range). */
export type SloPoint = Readonly<{ at: string; value: number }>;

/** `99.9` (percent, as Sloth and Pyrra write it) to 0.999; undefined outside (0, 100). */
export function objectiveFromPercent(percent: number): number | undefined {
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100) return undefined;
  // Round away binary noise: 99.9 / 100 is 0.9990000000000001.
  return Math.round((percent / 100) * 1e12) / 1e12;
}

/** A readable label for a window: `30d`, `2w`, `calendar month (Asia/Shanghai)`. */
export function windowLabel(window: SloWindow): string {
  if (window.kind === 'calendar') return `calendar month (${window.timeZone})`;
  const days = window.ms / 86_400_000;
  // People write 28d, not 4w.
  if (Number.isInteger(days) && days % 7 === 0 && days !== 28) return `${days / 7}w`;
  if (Number.isInteger(days)) return `${days}d`;
  const hours = window.ms / 3_600_000;
  return Number.isInteger(hours) ? `${hours}h` : `${Math.round(window.ms / 60_000)}m`;
}

/**
 * One evaluation of every SLO (the `slo` product of a poll). `failed` entries carry the sentence of
 * an SLO whose query failed this time: the cache keeps its last good numbers, marked stale.
 */
export type SloSnapshot = Readonly<{
  sourceId: string;
  takenAt: string;
  statuses: readonly SloStatus[];
  failed: readonly SloStatus[];
}>;

/** One row of the detail's burn-rate table: a multi-window rule, its two rates and whether it trips. */
export type BurnRuleRow = Readonly<{
  rule: BurnRule;
  long: BurnWindow;
  short: BurnWindow;
  factor: number;
  longRate: number | null;
  shortRate: number | null;
  tripping: boolean;
}>;

/** `GET /api/slos`: every SLO worst first, and the SLO files or SLOs that could not be read. */
export type SloList = Readonly<{ items: readonly SloStatus[]; problems: readonly string[] }>;

/** `GET /api/slos/:id`: the status with its definition, burn-rate table and series. */
export type SloDetail = SloStatus &
  Readonly<{
    description?: string;
    file?: string;
    line?: number;
    rules: readonly BurnRuleRow[];
    /** Error budget remaining over time (1 = untouched). */
    burnDown: readonly SloPoint[];
    /** The error ratio over 5-minute windows, over time. */
    sli: readonly SloPoint[];
    /** `prometheus` (query_range) or `cache` (stored evaluations, when Prometheus cannot be asked). */
    seriesFrom: 'prometheus' | 'cache';
    seriesProblem?: string;
    /** Active alerts of the SLO's service. */
    alerts: readonly Readonly<{
      id: string;
      name: string;
      severity: string;
      state: string;
      summary: string;
    }>[];
  }>;

/** `GET /api/scenarios`: a GOC business scenario's availability from the alerts that mean "unstable". */
export type ScenarioStatus = Readonly<{
  id: string;
  name: string;
  /** 0.9995 for 99.95 %. */
  objective: number;
  window: string;
  availability?: number;
  unstableMinutes: number;
  breakdown: readonly Readonly<{ alert: string; minutes: number }>[];
  mttrMinutes?: number;
  mtbfMinutes?: number;
  state: SloState;
  /** Where the firing periods came from: Prometheus's ALERTS series or the cockpit's alert history. */
  from: 'prometheus' | 'history';
  updatedAt: string;
  /** True when Prometheus could not be asked and these are the numbers stored at `updatedAt`. */
  stale: boolean;
  problem?: string;
}>;
