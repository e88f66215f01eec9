import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ConnectionSnapshot } from '../bridge/transport-types';
import { useApi, useConnectionMonitor } from './cockpit-context';
import { queryKeysForTopics } from './query-keys';

/** Subscribes to the api's change events and invalidates exactly the queries of the named topics. */
export function useChangeEvents(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const subscription = api.onDidChange((event) => {
      for (const queryKey of queryKeysForTopics(event.topics)) {
        void queryClient.invalidateQueries({ queryKey });
      }
    });
    return () => subscription.dispose();
  }, [api, queryClient]);
}

export function useConnection(): ConnectionSnapshot {
  const monitor = useConnectionMonitor();
  return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}

/** Events sent while the link was down are lost, so after a reconnect everything is refetched. */
export function useRefetchOnReconnect(): void {
  const connection = useConnection();
  const queryClient = useQueryClient();
  const previous = useRef(connection.state);
  useEffect(() => {
    if (previous.current === 'lost' && connection.state === 'online') void queryClient.invalidateQueries();
    previous.current = connection.state;
  }, [connection.state, queryClient]);
}
