import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Board } from '../../src/api/contract.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

/** `?fold=false` in the address bar shows every service as its own card (storm folding off). */
function foldingOn(): boolean {
  return typeof location === 'undefined' || new URLSearchParams(location.search).get('fold') !== 'false';
}

/**
 * The board, grouped by the core (one row per service and rule): the screen never downloads every
 * alert, so it stays light on a wall display watching 100 000 of them. Storms come folded under
 * their lowest failing dependency unless `?fold=false`.
 */
export function useBoard(): UseQueryResult<Board> {
  const api = useApi();
  const fold = foldingOn();
  return useQuery({
    queryKey: [...queryKeys.alertBoard(), { fold }],
    queryFn: () => api.getBoard(fold ? undefined : { fold: false }),
  });
}
