import { FEATURES } from './features';
import type { FeatureSpec, View } from './features';
import { DEFAULT_VIEW } from './ui-store';
import type { UiStore } from './ui-store';

export type UrlState = Readonly<{ view?: View; alertId?: string }>;

type Routes = readonly Pick<FeatureSpec<View>, 'id' | 'route'>[];

/** Reads `?view=alerts&alert=<id>` (deep links and notification clicks); `view` is a feature's route. */
export function parseUrlState(search: string, features: Routes = FEATURES): UrlState {
  const params = new URLSearchParams(search);
  const route = params.get('view');
  const alertId = params.get('alert') ?? undefined;
  return {
    view: features.find((feature) => feature.route === route)?.id,
    alertId: alertId === '' ? undefined : alertId,
  };
}

/**
 * Takes the access token a display was opened with (`?token=…`) out of the address bar, so it stays
 * in neither the history nor a copied link; the transport exchanges it for a session cookie.
 */
export function takeTokenFromUrl(page: Pick<Window, 'location' | 'history'>): string | undefined {
  const params = new URLSearchParams(page.location.search);
  const token = params.get('token') ?? undefined;
  if (!params.has('token')) return undefined;
  params.delete('token');
  const search = params.toString();
  page.history.replaceState(
    page.history.state,
    '',
    `${page.location.pathname}${search ? `?${search}` : ''}${page.location.hash}`,
  );
  return token === '' ? undefined : token;
}

/** The same search string with view and alert replaced; other parameters are kept, never a token. */
export function searchWithUrlState(search: string, state: UrlState, features: Routes = FEATURES): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  const view = state.view ?? DEFAULT_VIEW;
  params.set('view', features.find((feature) => feature.id === view)?.route ?? view);
  if (state.alertId) params.set('alert', state.alertId);
  else params.delete('alert');
  return `?${params.toString()}`;
}

/** Mirrors view and selection into the address bar so a reload or a copied link opens the same alert. */
export function syncUrlWithStore(
  store: UiStore,
  page: Pick<Window, 'location' | 'history'>,
  features: Routes = FEATURES,
): () => void {
  return store.subscribe((state, previous) => {
    if (state.view === previous.view && state.selectedAlertId === previous.selectedAlertId) return;
    const search = searchWithUrlState(
      page.location.search,
      { view: state.view, alertId: state.view === 'alerts' ? state.selectedAlertId : undefined },
      features,
    );
    page.history.replaceState(page.history.state, '', search + page.location.hash);
  });
}
