import type { QueryKey } from '@tanstack/react-query';
import type {
  ChangeQueryInput,
  ChangeTopic,
  RunbookQueryInput,
  TimelineInput,
} from '../../src/api/contract.js';
import type { FeatureSpec } from './features';
import type { AlertListFilter } from './ui-store';

/** Every api call's key carries all of its parameters; the first element is the invalidation root. */
export const queryKeys = {
  overview: () => ['overview'] as const,
  sources: () => ['sources'] as const,
  alerts: () => ['alerts'] as const,
  alertList: (filter: AlertListFilter, pageSize: number) =>
    ['alerts', 'list', { ...filter, pageSize }] as const,
  alertBoard: () => ['alerts', 'board'] as const,
  alertDetail: (id: string) => ['alerts', 'detail', id] as const,
  alertSilences: (id: string, silencedBy: readonly string[]) =>
    ['alerts', 'silences', id, silencedBy] as const,
  timelines: () => ['timeline'] as const,
  slos: () => ['slos'] as const,
  sloList: () => ['slos', 'list'] as const,
  scenarios: () => ['slos', 'scenarios'] as const,
  sloDetail: (id: string, hours: number) => ['slos', 'detail', id, { hours }] as const,
  timeline: (input: Required<TimelineInput>) => ['timeline', input] as const,
  changes: () => ['changes'] as const,
  changeList: (input: ChangeQueryInput) => ['changes', 'list', input] as const,
  freezes: () => ['changes', 'freezes'] as const,
  alertChanges: () => ['changes', 'alert'] as const,
  alertChangesOf: (id: string) => ['changes', 'alert', id] as const,
  topology: () => ['topology'] as const,
  topologyGraph: (input: Readonly<{ around?: string; depth: number }>) =>
    ['topology', 'graph', input] as const,
  topologyItem: (id: string) => ['topology', 'item', id] as const,
  runbooks: () => ['runbooks'] as const,
  runbookList: (input: RunbookQueryInput) => ['runbooks', 'list', input] as const,
  runbook: (id: string, revision: string | undefined) => ['runbooks', 'detail', id, { revision }] as const,
  alertRunbooks: (id: string) => ['runbooks', 'alert', id] as const,
};

/** The query-key prefixes a change event makes out of date: what the features declare for its topics. */
export function queryKeysForTopics(
  topics: readonly ChangeTopic[],
  features: readonly Pick<FeatureSpec<string>, 'invalidates'>[],
): QueryKey[] {
  const keys = new Map<string, QueryKey>();
  for (const topic of topics) {
    for (const feature of features) {
      for (const key of feature.invalidates[topic] ?? []) keys.set(JSON.stringify(key), key);
    }
  }
  return [...keys.values()];
}
