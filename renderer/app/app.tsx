import { useEffect } from 'react';
import { AlertsView } from '../alerts/alerts-view';
import { useT } from '../i18n/use-translate';
import { WarRoomView } from '../war-room/war-room-view';
import { AppHeader } from './app-header';
import { useUi } from './cockpit-context';
import { ConnectionBanner } from './connection-banner';
import { useChangeEvents, useConnection, useRefetchOnReconnect } from './use-change-events';

/** Mirrors language and theme onto <html> so CSS, fonts (lang="zh-CN") and screen readers follow. */
function useDocumentSettings(): void {
  const t = useT();
  const language = useUi((state) => state.language);
  const theme = useUi((state) => state.theme);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dataset.theme = theme;
    document.title = t('app.title');
  }, [language, theme, t]);
}

export function App() {
  const t = useT();
  const view = useUi((state) => state.view);
  const connection = useConnection();
  useChangeEvents();
  useRefetchOnReconnect();
  useDocumentSettings();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <ConnectionBanner />
      <main
        id="main"
        tabIndex={-1}
        className={connection.state === 'lost' ? 'app-main is-disconnected' : 'app-main'}
      >
        {view === 'war-room' ? <WarRoomView /> : <AlertsView />}
      </main>
    </div>
  );
}
