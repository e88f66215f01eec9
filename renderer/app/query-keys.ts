import type { QueryKey } from '@tanstack/react-query';
import type { ChangeTopic, TimelineInput } from '../../src/api/contract.js';
import type { AlertListFilter } from './ui-store';

/** Every api call's key carries all of its parameters; the first element is the invalidation root. */
export const queryKeys = {
  overview: () => ['overview'] as const,
  sources: () => ['sources'] as const,
  alerts: () => ['alerts'] as const,
  alertList: (filter: AlertListFilter, pageSize: number) =>
    ['alerts', 'list', { ...filter, pageSize }] as const,
  // Stale marks on the board follow source health; a source turning stale also emits `alerts`.
  alertBoard: () => ['alerts', 'board'] as const,
  alertDetail: (id: string) => ['alerts', 'detail', id] as const,
  // The timeline is counted from alert history, so it lives under the alerts topic too.
  timeline: (input: Required<TimelineInput>) => ['timeline', input] as const,
};

/** The query-key prefixes a change event makes out of date. */
export function queryKeysForTopics(topics: readonly ChangeTopic[]): QueryKey[] {
  const keys = new Map<string, QueryKey>();
  const add = (key: QueryKey) => keys.set(JSON.stringify(key), key);
  for (const topic of topics) {
    switch (topic) {
      case 'alerts':
        add(queryKeys.alerts());
        add(['timeline']);
        break;
      case 'sources':
        add(queryKeys.sources());
        break;
      case 'overview':
        add(queryKeys.overview());
        break;
    }
  }
  return [...keys.values()];
}
