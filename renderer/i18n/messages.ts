import { en } from './messages-en';
import { zhCN } from './messages-zh-cn';

export type MessageKey = keyof typeof en;
/** Every language provides exactly the English keys. */
export type Messages = Readonly<Record<MessageKey, string>>;

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MESSAGES: Readonly<Record<Language, Messages>> = { 'zh-CN': zhCN, en };

export type TranslateParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** zh, zh-CN, zh-Hans… read Chinese; everything else reads English. */
export function detectLanguage(navigatorLanguage: string | undefined): Language {
  return navigatorLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Looks up a message and fills `{name}` placeholders; numbers are formatted for the language. */
export function translate(language: Language, key: MessageKey, params?: TranslateParams): string {
  const template = MESSAGES[language][key];
  if (!params) return template;
  const numberFormat = new Intl.NumberFormat(language);
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? numberFormat.format(value) : value;
  });
}

export function createTranslate(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}
