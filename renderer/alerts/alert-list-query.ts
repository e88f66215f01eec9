import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { AlertFilterInput } from '../../src/api/contract.js';
import { useApi } from '../app/cockpit-context';
import { queryKeys } from '../app/query-keys';
import type { AlertListFilter } from '../app/ui-store';

export const ALERT_LIST_PAGE_SIZE = 500;

/** The api filter for the UI filter: empty choices are left out, meaning "any". */
export function toFilterInput(filter: AlertListFilter): AlertFilterInput {
  const input: AlertFilterInput = { sort: filter.sort };
  if (filter.severity.length > 0) input.severity = [...filter.severity];
  if (filter.state.length > 0) input.state = [...filter.state];
  if (filter.source.length > 0) input.source = [...filter.source];
  if (filter.service.trim() !== '') input.service = filter.service.trim();
  if (filter.q.trim() !== '') input.q = filter.q.trim();
  if (filter.label.length > 0) input.label = [...filter.label];
  if (filter.unclaimed) input.unclaimed = true;
  return input;
}

/** Pages of the filtered list, loaded as the user scrolls; the previous result stays while typing. */
export function useAlertList(filter: AlertListFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.alertList(filter, ALERT_LIST_PAGE_SIZE),
    queryFn: ({ pageParam }) =>
      api.listAlerts({ ...toFilterInput(filter), limit: ALERT_LIST_PAGE_SIZE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (lastPage, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
      return lastPage.items.length > 0 && loaded < lastPage.total ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
}
