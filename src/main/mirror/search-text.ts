/**
 * Search as people type: case-insensitive for every script (SQLite's own LIKE folds only
 * ASCII), "е" finds "ё", and a phone number matches however either side wrote it.
 */
import { foldForSearch } from '../lib/fold-for-search';
import { digitsOf } from '../phones/normalize';

export interface SearchTerms {
  /** Each must appear in the searchable text (words of a name, an e-mail...). */
  readonly words: readonly string[];
  /**
   * Alternatives for a phone-number query: any one may appear. One that starts with a space
   * is the start of a number (the search text writes each number's digits as a word).
   */
  readonly phoneDigits: readonly string[];
}

const phoneLike = /^[\d\s()+\-.]+$/;

export function parseSearchQuery(query: string): SearchTerms {
  const trimmed = query.trim();
  if (!trimmed) return { words: [], phoneDigits: [] };
  const digits = digitsOf(trimmed);
  if (phoneLike.test(trimmed) && digits.length >= 3)
    return { words: [], phoneDigits: phoneAlternatives(trimmed, digits) };
  return { words: foldForSearch(trimmed).split(' '), phoneDigits: [] };
}

/**
 * What a typed number may be. "+7 912" and "8 912" are the start of a number (a leading "+",
 * or Russia's trunk "8" written apart from the code), and both mean +7 912...: the stored
 * international digits, as a number's first digits, not anywhere inside one ("8 912" used to
 * find every number with 8912 in its middle, and "8 912 720" nothing). Digits typed without
 * such a start ("720 60", "8912720") are a fragment found anywhere, and "8..." also as the
 * trunk form of +7.
 */
function phoneAlternatives(typed: string, digits: string): string[] {
  const alternatives = new Set<string>();
  const startOf = (prefix: string) => ` ${prefix}`;
  if (typed.startsWith('+')) alternatives.add(startOf(digits));
  else if (/^8[\s(\-.]/.test(typed)) alternatives.add(startOf(`7${digits.slice(1)}`));
  else {
    alternatives.add(digits);
    if (digits.startsWith('8')) alternatives.add(startOf(`7${digits.slice(1)}`));
  }
  // A whole Russian number: also without the trunk or country prefix, as some CRMs store it.
  if (digits.length >= 10 && /^[78]/.test(digits)) alternatives.add(digits.slice(1));
  return [...alternatives];
}

/** Escapes LIKE wildcards so a user's "%" or "_" means itself (used with ESCAPE '\'). */
export function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * The shortest fragment the trigram index can find. Shorter ones ("ив", "7") are matched
 * with LIKE instead, on the rows the longer fragments found (or on every row).
 */
export const minIndexedLength = 3;

/** Length in characters (code points), as the trigram tokenizer counts them. */
export function isIndexable(fragment: string): boolean {
  let count = 0;
  for (const _ of fragment) if (++count >= minIndexedLength) return true;
  return false;
}

/**
 * A fragment as one FTS5 string: everything inside double quotes is literal (NEAR, AND,
 * *, -, parentheses, column filters...), and a double quote is written twice.
 */
export function ftsString(fragment: string): string {
  return `"${fragment.replaceAll('"', '""')}"`;
}

export interface SearchPlan {
  /** An FTS5 MATCH expression every result satisfies, or null when no term is long enough. */
  readonly match: string | null;
  /**
   * Groups of LIKE patterns (escaped, for ESCAPE '\'): each group needs one of its patterns
   * to match the search text; every group must. Empty when the index answers alone; an
   * empty group matches nothing.
   */
  readonly likeGroups: readonly (readonly string[])[];
  /** The same groups as the fragments themselves (for the in-memory scan, short-search.ts). */
  readonly fragmentGroups: readonly (readonly string[])[];
}

const controlCharacters = /\p{Cc}/gu;

/**
 * How a parsed query is answered: the trigram index where it can, LIKE for the rest (or
 * LIKE for everything with `useIndex: false`, the same answer found the slow way).
 */
export function planSearch(terms: SearchTerms, { useIndex = true } = {}): SearchPlan {
  const matches: string[] = [];
  const fragmentGroups: string[][] = [];
  for (const typed of terms.words) {
    // Control characters cannot be typed and would cut SQLite's LIKE pattern short (NUL
    // ends it): they are dropped, and a word made only of them matches no one.
    const word = typed.replace(controlCharacters, '');
    if (!word) return { match: null, likeGroups: [[]], fragmentGroups: [[]] };
    if (useIndex && isIndexable(word)) matches.push(ftsString(word));
    else fragmentGroups.push([word]);
  }
  if (terms.phoneDigits.length > 0) {
    if (useIndex && terms.phoneDigits.every(isIndexable)) {
      const alternatives = terms.phoneDigits.map(ftsString);
      matches.push(alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`);
    } else {
      fragmentGroups.push([...terms.phoneDigits]);
    }
  }
  return {
    match: matches.length > 0 ? matches.join(' AND ') : null,
    likeGroups: fragmentGroups.map((group) => group.map(likePattern)),
    fragmentGroups,
  };
}
