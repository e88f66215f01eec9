import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AlertChanges, ChangeList, ChangeQueryInput, Freezes } from '../../src/api/contract.js';
import { ApiCallError } from '../../src/api/client.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

export function useChangeList(input: ChangeQueryInput): UseQueryResult<ChangeList> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.changeList(input), queryFn: () => api.listChanges(input) });
}

/** The freeze in force and the next one (the host decides "now"). */
export function useFreezes(): UseQueryResult<Freezes> {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.freezes(), queryFn: () => api.getFreezes({}) });
}

/** "What changed" before an alert; `null` when the alert is gone. */
export function useAlertChanges(id: string): UseQueryResult<AlertChanges | null> {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.alertChangesOf(id),
    queryFn: async () => {
      try {
        return await api.getAlertChanges({ id });
      } catch (error) {
        if (error instanceof ApiCallError && error.code === 'not-found') return null;
        throw error;
      }
    },
  });
}
