import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { CockpitProvider } from './app/cockpit-context';
import { createQueryClient } from './app/query-client';
import { createUiStore } from './app/ui-store';
import { parseUrlState, syncUrlWithStore, takeTokenFromUrl } from './app/url-state';
import { FEATURES } from './app/features';
import { parseWallSettings } from './app/wall';
import { createTransportForPage } from './bridge/select-transport';
import './app/theme.css';
import './app/app.css';

// The composition root of the UI: the only place that touches window.location and localStorage.
function readLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

// First of all: the token leaves the address bar before anything can copy or record the URL.
const token = takeTokenFromUrl(window);
const urlState = parseUrlState(window.location.search);
const wall = parseWallSettings(window.location.search, FEATURES);
const store = createUiStore({
  storage: readLocalStorage(),
  navigatorLanguage: navigator.language,
  initial: {
    view: urlState.view ?? wall.rotate[0],
    selectedAlertId: urlState.alertId,
    wall: wall.wall,
    // A wall's URL decides its language and theme (not remembered: the next tab is not a wall).
    ...(wall.language ? { language: wall.language } : {}),
    ...(wall.theme ? { theme: wall.theme } : {}),
  },
});
syncUrlWithStore(store, window);
const transport = createTransportForPage(window, token);
// A click on a desktop notification opens that alert without reloading the page.
window.cockpit?.onOpenAlert?.((alertId) => store.getState().selectAlert(alertId));
// The tray's "Open war room": only a view the app has.
window.cockpit?.onOpenView?.((view) => {
  const feature = FEATURES.find((entry) => entry.id === view);
  if (feature) store.getState().setView(feature.id);
});
const queryClient = createQueryClient();
// The wall's watchdog reloads a stuck page, but only while the host answers (else the reload would
// replace the last good screen with a browser error page).
const watchdog = {
  probe: () =>
    window.cockpit
      ? Promise.resolve(true)
      : fetch(new URL('api/health', window.location.href)).then(
          (response) => response.ok,
          () => false,
        ),
  reload: () => window.location.reload(),
};

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <CockpitProvider transport={transport} queryClient={queryClient} store={store}>
      <App wall={wall} watchdog={watchdog} />
    </CockpitProvider>
  </StrictMode>,
);
