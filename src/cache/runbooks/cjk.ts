/**
 * CJK text for an FTS5 unicode61 index. unicode61 keeps a run of Han characters as one token, and
 * FTS5's trigram tokenizer matches nothing below three characters, yet most Chinese words have two
 * (磁盘, 回滚). So a CJK run is indexed as its overlapping bigrams plus its last character
 * ("磁盘已满" → "磁盘 盘已 已满 满"), and a query is turned into the same bigrams as a phrase: any
 * length of Chinese term matches, and a single character matches as a prefix.
 */

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}_]+/gu;

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let index = 0; index + 1 < chars.length; index++) grams.push(`${chars[index]}${chars[index + 1]}`);
  return grams;
}

/** The text as the index stores it: CJK runs as bigrams, everything else as it was. */
export function cjkIndexText(text: string): string {
  return text.replace(CJK_RUN, (run) => {
    const grams = bigrams(run);
    const last = [...run].at(-1) ?? '';
    return ` ${grams.join(' ')}${grams.length > 1 ? ` ${last}` : ''} `;
  });
}

/** The words and CJK runs of a query, in order, for highlighting. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const part of query.split(/\s+/)) {
    let rest = part;
    rest = rest.replace(CJK_RUN, (run) => {
      terms.push(run);
      return ' ';
    });
    for (const word of rest.match(WORD) ?? []) terms.push(word);
  }
  return terms;
}

const isCjk = (term: string) => new RegExp(`^${CJK_RUN.source}$`, 'u').test(term);

/** One phrase of a search: its text as FTS5 reads it inside quotes, and whether it is a prefix. */
export type FtsPhrase = Readonly<{ text: string; prefix: boolean }>;

/**
 * The phrases of what a person typed, all of which must match (AND): a CJK term is the phrase of
 * its bigrams, a word is itself, the last word also as a prefix (search as you type). Empty when
 * the query has no terms.
 */
export function ftsPhrases(query: string): FtsPhrase[] {
  const terms = queryTerms(query).slice(0, 16);
  return terms.map((term, index) => {
    if (isCjk(term)) {
      const grams = bigrams(term);
      return grams.length === 1
        ? { text: grams[0] ?? term, prefix: true }
        : { text: grams.join(' '), prefix: false };
    }
    return { text: term, prefix: index === terms.length - 1 };
  });
}

/**
 * The FTS5 MATCH expression of `ftsPhrases`. Only quoted strings reach FTS5, so no input is ever
 * read as its query syntax. Undefined when the query has no terms.
 */
export function ftsQuery(query: string): string | undefined {
  const phrases = ftsPhrases(query);
  if (phrases.length === 0) return undefined;
  return phrases.map((phrase) => `"${phrase.text}"${phrase.prefix ? '*' : ''}`).join(' ');
}
