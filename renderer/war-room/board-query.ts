import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Board } from '../../src/api/contract.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

/**
 * The board, grouped by the core (one row per service and rule): the screen never downloads every
 * alert, so it stays light on a wall display watching 100 000 of them.
 */
export function useBoard(): UseQueryResult<Board> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.alertBoard(), queryFn: () => api.getBoard() });
}
