import { IntlMessageFormat } from 'intl-messageformat';
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

const compiled = new Map<string, IntlMessageFormat>();

/**
 * Looks up a message and formats it as an ICU message (FormatJS): `{name}` placeholders,
 * `{count, plural, one {# alert} other {# alerts}}`, `{n, number}`; `#` and `number` follow the
 * language's number format. Every template is parsed by the messages test.
 */
export function translate(language: Language, key: MessageKey, params?: TranslateParams): string {
  const template = MESSAGES[language][key];
  if (!params) return template;
  const cacheKey = `${language}|${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(template, language);
    compiled.set(cacheKey, message);
  }
  try {
    return String(message.format(params));
  } catch {
    // A value the caller forgot: show the template, never break the screen over one string.
    return template;
  }
}

export function createTranslate(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}
