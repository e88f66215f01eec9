import { useMemo } from 'react';
import { useUi } from '../app/cockpit-context';
import { createTranslate } from './messages';
import type { Language, Translate } from './messages';

export function useLanguage(): Language {
  return useUi((state) => state.language);
}

/** The translate function for the current language; stable until the language changes. */
export function useT(): Translate {
  const language = useLanguage();
  return useMemo(() => createTranslate(language), [language]);
}
