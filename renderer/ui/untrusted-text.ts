/**
 * Bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, the
 * LRM/RLM/ALM marks) let alert text reorder what a reader sees: "‮gnp.exe" reads as "exe.png".
 * Text from alerts, runbooks and incidents is shown without them; each field is also isolated from
 * its neighbours (`unicode-bidi: isolate` in app.css), so right-to-left text still reads right.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text as it may be displayed: bidi controls removed. */
export function plainText(value: string): string;
export function plainText(value: string | undefined): string | undefined;
export function plainText(value: string | undefined): string | undefined {
  return value?.replace(BIDI_CONTROLS, '');
}
