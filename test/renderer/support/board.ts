import type { Board } from '../../../src/api/contract.js';
import { groupBoard } from '../../../src/analysis/board.js';
import type { ServiceGroup } from '../../../src/analysis/board.js';
import type { Alert } from '../../../src/domain/index.js';

/** Groups fixture alerts the way the core does; alerts marked stale make their source stale. */
export function groupAlerts(
  alerts: readonly Alert[],
  options: Readonly<{ staleSourceIds?: ReadonlySet<string> }> = {},
): ServiceGroup[] {
  const stale = new Set(options.staleSourceIds ?? []);
  for (const alert of alerts) if (alert.stale) stale.add(alert.sourceId);
  return groupBoard(alerts, stale);
}

/** What `getBoard` answers for these alerts. */
export function boardOf(alerts: readonly Alert[]): Board {
  return { total: alerts.length, groups: groupAlerts(alerts) };
}
