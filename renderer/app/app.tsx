import { useEffect } from 'react';
import { useT } from '../i18n/use-translate';
import { SirenBanner } from '../claims/siren-banner';
import { AppHeader } from './app-header';
import { useUi } from './cockpit-context';
import { ConnectionBanner } from './connection-banner';
import { FEATURES } from './features';
import type { FeatureTable } from './features';
import { useChangeEvents, useConnection, useRefetchOnReconnect } from './use-change-events';
import type { WallSettings } from './wall';
import { WallMode } from './wall-mode';
import type { WatchdogDeps } from './wall-mode';

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

/** The shell: the header's nav and the main area show the features of the table, the real one by default. */
export function App(
  props: Readonly<{ features?: FeatureTable; wall?: WallSettings; watchdog?: WatchdogDeps }>,
) {
  const features = props.features ?? FEATURES;
  const t = useT();
  const view = useUi((state) => state.view);
  const wall = useUi((state) => state.wall);
  const connection = useConnection();
  const Screen = (features.find((feature) => feature.id === view) ?? features[0]).view;
  useChangeEvents(features);
  useRefetchOnReconnect();
  useDocumentSettings();
  return (
    <div className={wall ? 'app is-wall' : 'app'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {!wall && <AppHeader features={features} />}
      <ConnectionBanner />
      <SirenBanner />
      <main
        id="main"
        tabIndex={-1}
        className={connection.state === 'lost' ? 'app-main is-disconnected' : 'app-main'}
      >
        <Screen />
      </main>
      <WallMode settings={props.wall} {...(props.watchdog ? { watchdog: props.watchdog } : {})} />
    </div>
  );
}
