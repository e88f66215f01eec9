import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ConnectionSnapshot } from '../bridge/transport-types';
import { useApi, useConnectionMonitor } from './cockpit-context';
import type { FeatureSpec } from './features';
import { queryKeysForTopics } from './query-keys';

/**
 * Subscribes to the api's change events and invalidates exactly the queries the features declare for
 * the named topics.
 */
export function useChangeEvents(features: readonly Pick<FeatureSpec<string>, 'invalidates'>[]): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const subscription = api.onDidChange((event) => {
      for (const queryKey of queryKeysForTopics(event.topics, features)) {
        // An event means newer data than any answer still in flight. Invalidating alone would join a
        // first fetch already under way (TanStack dedupes it when there is no data yet), and that
        // answer may predate the change: a board fetched just before a poll would stay "all clear".
        void queryClient.cancelQueries({ queryKey }).then(() => queryClient.invalidateQueries({ queryKey }));
      }
    });
    return () => subscription.dispose();
  }, [api, queryClient, features]);
}

export function useConnection(): ConnectionSnapshot {
  const monitor = useConnectionMonitor();
  return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}

/**
 * Events sent while the event stream was not open are lost — before its first open (the first
 * fetches may already be out of date) and while it was down — so each time it opens, refetch all.
 */
export function useRefetchOnReconnect(): void {
  const connection = useConnection();
  const queryClient = useQueryClient();
  const previous = useRef(connection.state);
  useEffect(() => {
    if (previous.current !== 'online' && connection.state === 'online') void queryClient.invalidateQueries();
    previous.current = connection.state;
  }, [connection.state, queryClient]);
}
