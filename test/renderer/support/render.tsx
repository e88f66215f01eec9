import { render } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import type { ICockpitApi } from '../../../src/api/contract.js';
import { CockpitProvider } from '../../../renderer/app/cockpit-context';
import { createQueryClient } from '../../../renderer/app/query-client';
import { createUiStore } from '../../../renderer/app/ui-store';
import type { UiStore } from '../../../renderer/app/ui-store';
import { createConnectionState } from '../../../renderer/bridge/connection-state';
import type { ConnectionStateStore } from '../../../renderer/bridge/connection-state';

/** Renders UI inside the real providers with a fake api, an English UI store and no retries. */
export function renderWithCockpit(
  ui: ReactElement,
  options: Readonly<{
    api: ICockpitApi;
    store?: UiStore;
    connection?: ConnectionStateStore;
    queryClient?: QueryClient;
  }>,
) {
  const queryClient = options.queryClient ?? createQueryClient({ retry: 0 });
  const store = options.store ?? createUiStore({ initial: { language: 'en' } });
  const connection = options.connection ?? createConnectionState('online');
  const transport = { api: options.api, connection, dispose: () => undefined };
  const result = render(
    <CockpitProvider transport={transport} queryClient={queryClient} store={store}>
      {ui}
    </CockpitProvider>,
  );
  return { ...result, queryClient, store, connection };
}
