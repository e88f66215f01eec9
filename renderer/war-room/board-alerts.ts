import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ICockpitApi } from '../../src/api/contract.js';
import type { Alert, AlertState } from '../../src/domain/index.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

/** Everything that still occupies someone: resolved alerts are not on the board. */
export const BOARD_STATES = ['firing', 'acknowledged', 'silenced'] as const satisfies readonly AlertState[];
/** The api's largest page. */
export const BOARD_PAGE_SIZE = 5_000;
/** A ceiling on what one screen holds in memory; the host sorts worst first, so the cut loses the least. */
export const BOARD_MAX_ALERTS = 50_000;

export type BoardAlerts = Readonly<{ total: number; items: readonly Alert[] }>;

/** Reads the first page, then the rest of them in parallel, and drops duplicates across pages. */
export async function fetchBoardAlerts(
  api: ICockpitApi,
  pageSize = BOARD_PAGE_SIZE,
  maxAlerts = BOARD_MAX_ALERTS,
): Promise<BoardAlerts> {
  const filter = { state: [...BOARD_STATES], sort: 'severity' as const, limit: pageSize };
  const first = await api.listAlerts({ ...filter, offset: 0 });
  const wanted = Math.min(first.total, maxAlerts);
  const offsets: number[] = [];
  // Step by what the host actually returned, in case it caps pages below our limit.
  const step = first.items.length;
  for (let offset = step; step > 0 && offset < wanted; offset += step) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => api.listAlerts({ ...filter, offset })));
  // Alerts can move between pages while we read; keep the first copy of each.
  const seen = new Set<string>();
  const items: Alert[] = [];
  for (const page of [first, ...rest]) {
    for (const alert of page.items) {
      if (seen.has(alert.id) || items.length >= maxAlerts) continue;
      seen.add(alert.id);
      items.push(alert);
    }
  }
  return { total: first.total, items };
}

export function useBoardAlerts(): UseQueryResult<BoardAlerts> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.alertBoard(BOARD_STATES, BOARD_PAGE_SIZE, BOARD_MAX_ALERTS),
    queryFn: () => fetchBoardAlerts(api),
  });
}
