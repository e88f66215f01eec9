/** The languages the cockpit speaks; every text the core produces for people comes in each. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
