import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AlertDetail, Overview, Timeline } from '../../src/api/contract.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { ApiCallError } from '../../src/api/client.js';
import { useApi } from './cockpit-context';
import { queryKeys } from './query-keys';

export function useOverview(): UseQueryResult<Overview> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.overview(), queryFn: () => api.getOverview() });
}

export function useSources(): UseQueryResult<readonly SourceInfo[]> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.sources(),
    queryFn: async () => (await api.listSources()).sources,
  });
}

export function useTimeline(hours: number, bucketMinutes: number): UseQueryResult<Timeline> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.timeline({ hours, bucketMinutes }),
    queryFn: () => api.getTimeline({ hours, bucketMinutes }),
  });
}

/** `null` when the host no longer knows the alert (query data cannot be undefined). */
export function useAlertDetail(id: string | undefined): UseQueryResult<AlertDetail | null> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.alertDetail(id ?? ''),
    queryFn: async () => {
      try {
        return await api.getAlert({ id: id ?? '' });
      } catch (error) {
        // Resolved alerts age out of the cache; "gone" is an answer, not an error.
        if (error instanceof ApiCallError && error.code === 'not-found') return null;
        throw error;
      }
    },
    enabled: id !== undefined,
  });
}
