import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ICockpitApi } from '../../src/api/contract.js';
import type { CockpitTransport, IConnectionMonitor } from '../bridge/transport-types';
import type { UiState, UiStore } from './ui-store';

const TransportContext = createContext<CockpitTransport | undefined>(undefined);
const UiStoreContext = createContext<UiStore | undefined>(undefined);

/** Everything a view needs from outside React: the api transport, the query cache, the UI store. */
export function CockpitProvider(
  props: Readonly<{
    transport: CockpitTransport;
    queryClient: QueryClient;
    store: UiStore;
    children: ReactNode;
  }>,
) {
  return (
    <TransportContext.Provider value={props.transport}>
      <UiStoreContext.Provider value={props.store}>
        <QueryClientProvider client={props.queryClient}>{props.children}</QueryClientProvider>
      </UiStoreContext.Provider>
    </TransportContext.Provider>
  );
}

function useTransport(): CockpitTransport {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('useApi needs a <CockpitProvider> above it.');
  return transport;
}

export function useApi(): ICockpitApi {
  return useTransport().api;
}

export function useConnectionMonitor(): IConnectionMonitor {
  return useTransport().connection;
}

export function useUiStoreApi(): UiStore {
  const store = useContext(UiStoreContext);
  if (!store) throw new Error('useUi needs a <CockpitProvider> above it.');
  return store;
}

/** Selects UI state; components re-render only when the selected slice changes. */
export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useUiStoreApi(), selector);
}
