/** The languages the cockpit speaks; every text the core produces for people comes in each. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text people read, in some of the languages (a service's display name). */
export type LocalizedText = Readonly<Partial<Record<Language, string>>>;

/**
 * The text in `language`, else in English; undefined otherwise (a Chinese-only title is not shown on
 * an English screen: the caller falls back to the identifier people also know).
 */
export function textIn(text: LocalizedText | undefined, language: Language): string | undefined {
  return text?.[language] ?? text?.en;
}
