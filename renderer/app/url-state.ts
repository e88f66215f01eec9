import type { UiStore, View } from './ui-store';

export type UrlState = Readonly<{ view?: View; alertId?: string }>;

/** Reads `?view=alerts&alert=<id>` (deep links and notification clicks). */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  const alertId = params.get('alert') ?? undefined;
  return {
    view: view === 'alerts' || view === 'war-room' ? view : undefined,
    alertId: alertId === '' ? undefined : alertId,
  };
}

/** The same search string with view and alert replaced; other parameters (the token) are kept. */
export function searchWithUrlState(search: string, state: UrlState): string {
  const params = new URLSearchParams(search);
  params.set('view', state.view ?? 'war-room');
  if (state.alertId) params.set('alert', state.alertId);
  else params.delete('alert');
  return `?${params.toString()}`;
}

/** Mirrors view and selection into the address bar so a reload or a copied link opens the same alert. */
export function syncUrlWithStore(store: UiStore, page: Pick<Window, 'location' | 'history'>): () => void {
  return store.subscribe((state, previous) => {
    if (state.view === previous.view && state.selectedAlertId === previous.selectedAlertId) return;
    const search = searchWithUrlState(page.location.search, {
      view: state.view,
      alertId: state.view === 'alerts' ? state.selectedAlertId : undefined,
    });
    page.history.replaceState(page.history.state, '', search + page.location.hash);
  });
}
