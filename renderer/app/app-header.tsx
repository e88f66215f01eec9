import { useId } from 'react';
import { SnoozeControl } from '../claims/snooze-control';
import { LANGUAGES, isLanguage } from '../i18n/messages';
import { useT } from '../i18n/use-translate';
import { useUi, useUiStoreApi } from './cockpit-context';
import type { Feature } from './features';

/** Title, the view switcher (one button per feature), and the language and theme choices. */
export function AppHeader(props: Readonly<{ features: readonly Feature[] }>) {
  const t = useT();
  const store = useUiStoreApi();
  const view = useUi((state) => state.view);
  const language = useUi((state) => state.language);
  const theme = useUi((state) => state.theme);
  const languageId = useId();
  const themeId = useId();
  return (
    <header className="app-header">
      <h1 className="app-title">{t('app.title')}</h1>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {props.features.map((feature) => (
          <button
            key={feature.id}
            type="button"
            className="nav-button"
            aria-current={view === feature.id ? 'page' : undefined}
            onClick={() => store.getState().setView(feature.id)}
          >
            {t(feature.label)}
          </button>
        ))}
      </nav>
      <SnoozeControl />
      <div className="app-settings">
        <label htmlFor={languageId}>{t('settings.language')}</label>
        <select
          id={languageId}
          value={language}
          onChange={(event) => {
            if (isLanguage(event.target.value)) store.getState().setLanguage(event.target.value);
          }}
        >
          {LANGUAGES.map((option) => (
            <option key={option} value={option}>
              {t(`language.${option}`)}
            </option>
          ))}
        </select>
        <label htmlFor={themeId}>{t('settings.theme')}</label>
        <select
          id={themeId}
          value={theme}
          onChange={(event) => store.getState().setTheme(event.target.value === 'light' ? 'light' : 'dark')}
        >
          <option value="dark">{t('theme.dark')}</option>
          <option value="light">{t('theme.light')}</option>
        </select>
      </div>
    </header>
  );
}
