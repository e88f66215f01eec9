/** The longest silence the cockpit creates, in minutes (30 days); the api refuses longer ones. */
export const SILENCE_MAX_MINUTES = 60 * 24 * 30;

/** One label matcher of a silence, as Alertmanager writes it (`isEqual: false` is `!=` / `!~`). */
export type SilenceMatcher = Readonly<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;

export type SilenceState = 'active' | 'pending' | 'expired';

/** A silence as its source holds it; read live from the source, never cached. */
export type Silence = Readonly<{
  id: string;
  sourceId: string;
  state: SilenceState;
  matchers: readonly SilenceMatcher[];
  /** ISO 8601 times. */
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  /** The silence in the backend's own UI (Alertmanager: `<url>/#/silences/<id>`). */
  url?: string;
}>;

/** `name="value"`, `name=~"regex"`, `name!="value"`: a matcher as Alertmanager's UI writes it. */
export function formatMatcher(matcher: SilenceMatcher): string {
  const operator = `${matcher.isEqual ? '=' : '!'}${matcher.isRegex ? '~' : matcher.isEqual ? '' : '='}`;
  return `${matcher.name}${operator}${JSON.stringify(matcher.value)}`;
}
