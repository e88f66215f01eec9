import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { CockpitProvider } from './app/cockpit-context';
import { createQueryClient } from './app/query-client';
import { createUiStore } from './app/ui-store';
import { parseUrlState, syncUrlWithStore, takeTokenFromUrl } from './app/url-state';
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
const store = createUiStore({
  storage: readLocalStorage(),
  navigatorLanguage: navigator.language,
  initial: { view: urlState.view, selectedAlertId: urlState.alertId },
});
syncUrlWithStore(store, window);
const transport = createTransportForPage(window, token);
// A click on a desktop notification opens that alert without reloading the page.
window.cockpit?.onOpenAlert?.((alertId) => store.getState().selectAlert(alertId));
const queryClient = createQueryClient();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <CockpitProvider transport={transport} queryClient={queryClient} store={store}>
      <App />
    </CockpitProvider>
  </StrictMode>,
);
