import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AlertRunbooks, RunbookDetail, RunbookList, RunbookQueryInput } from '../../src/api/contract.js';
import { ApiCallError } from '../../src/api/client.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

export function useRunbookList(input: RunbookQueryInput): UseQueryResult<RunbookList> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.runbookList(input),
    queryFn: () => api.listRunbooks(input),
    placeholderData: (previous) => previous,
  });
}

export function useRunbook(id: string, revision?: string): UseQueryResult<RunbookDetail> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.runbook(id, revision),
    queryFn: () => api.getRunbook(revision ? { id, revision } : { id }),
  });
}

/** The runbooks for an alert; `null` when the alert is gone. */
export function useAlertRunbooks(id: string): UseQueryResult<AlertRunbooks | null> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.alertRunbooks(id),
    queryFn: async () => {
      try {
        return await api.getAlertRunbooks({ id });
      } catch (error) {
        if (error instanceof ApiCallError && error.code === 'not-found') return null;
        throw error;
      }
    },
  });
}
