import { QueryClient } from '@tanstack/react-query';

/**
 * networkMode 'always': the api may be IPC or a loopback host, where navigator.onLine says nothing,
 * and a paused query would freeze the screen instead of showing an error.
 * Data refreshes on change events, so nothing refetches on focus or on a timer.
 */
export function createQueryClient(options: Readonly<{ retry?: number }> = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        networkMode: 'always',
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: options.retry ?? 2,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
