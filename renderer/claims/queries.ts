import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Result } from '../../src/api/wire.js';
import type { Alert, NotificationStateView } from '../../src/domain/index.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';

/** The siren's read: firing critical alerts nobody claimed, worst first (the host filters the claims). */
export function useUnclaimedCritical(): UseQueryResult<readonly Alert[]> {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.alerts(), 'unclaimed-critical'],
    queryFn: async () => {
      const page = await api.listAlerts({
        severity: ['critical'],
        state: ['firing'],
        unclaimed: true,
        limit: 50,
      });
      return page.items.filter((alert) => alert.ack === undefined && alert.stale !== true);
    },
  });
}

export const notificationStateKey = ['notifications', 'state'] as const;

export function useNotificationState(): UseQueryResult<NotificationStateView> {
  const api = useApi();
  return useQuery({ queryKey: notificationStateKey, queryFn: () => api.getNotificationState() });
}

/** Throws the envelope's message so a mutation's error is the sentence the host answered. */
async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

export type ClaimAction =
  | Readonly<{ kind: 'claim'; alertId: string; by: string; comment?: string }>
  | Readonly<{ kind: 'release'; alertId: string; by: string }>
  | Readonly<{ kind: 'handover'; alertId: string; by: string; to: string }>;

/** Claim, release and hand over; every screen refetches on the change event, this one at once. */
export function useClaimAction() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ClaimAction) => {
      switch (action.kind) {
        case 'claim':
          return unwrap(
            api.ackAlert({
              id: action.alertId,
              by: action.by,
              ...(action.comment ? { comment: action.comment } : {}),
            }),
          );
        case 'release':
          return unwrap(api.unackAlert({ id: action.alertId, by: action.by }));
        case 'handover':
          return unwrap(api.handoverAlert({ id: action.alertId, to: action.to, by: action.by }));
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.alerts() }),
  });
}

export function useSnooze() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (minutes: number) => unwrap(api.snoozeNotifications({ minutes })),
    onSuccess: (state) => queryClient.setQueryData(notificationStateKey, state),
  });
}
