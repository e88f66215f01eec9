import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SloDetail, SloList } from '../../src/domain/index.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

/** Every SLO's status, worst first (the core sorts). */
export function useSloList(): UseQueryResult<SloList> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.sloList(), queryFn: () => api.listSlos() });
}

/** One SLO with its burn-rate table and series over the last `hours`. */
export function useSloDetail(id: string | undefined, hours: number): UseQueryResult<SloDetail> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.sloDetail(id ?? '', hours),
    queryFn: () => api.getSlo({ id: id ?? '', hours }),
    enabled: id !== undefined,
  });
}
