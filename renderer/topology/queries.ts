import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TopologyGraphView, TopologyItemDetail } from '../../src/api/contract.js';
import { ApiCallError } from '../../src/api/client.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

/** The graph, or the neighbourhood of `around`; the previous answer stays while the next loads. */
export function useTopology(around: string | undefined, depth: number): UseQueryResult<TopologyGraphView> {
  const api = useApi();
  const input = around === undefined ? { depth } : { around, depth };
  return useQuery({
    queryKey: queryKeys.topologyGraph(input),
    queryFn: () => api.getTopology(input),
    placeholderData: keepPreviousData,
  });
}

/** One item's impact, suspects, alerts and owner; `null` when the catalog no longer has it. */
export function useTopologyItem(id: string | undefined): UseQueryResult<TopologyItemDetail | null> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.topologyItem(id ?? ''),
    queryFn: async () => {
      try {
        return await api.getTopologyItem({ id: id ?? '' });
      } catch (error) {
        if (error instanceof ApiCallError && error.code === 'not-found') return null;
        throw error;
      }
    },
    enabled: id !== undefined,
  });
}
