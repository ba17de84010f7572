/**
 * Search as people type: case-insensitive for every script (SQLite's own LIKE folds only
 * ASCII), "е" finds "ё", and a phone number matches however either side wrote it.
 */
import { foldForSearch } from '../lib/fold-for-search';
import { digitsOf } from '../phones/normalize';

export interface SearchTerms {
  /** Each must appear in the searchable text (words of a name, an e-mail...). */
  readonly words: readonly string[];
  /** Alternatives for a phone-number query: any one may appear. */
  readonly phoneDigits: readonly string[];
}

const phoneLike = /^[\d\s()+\-.]+$/;

export function parseSearchQuery(query: string): SearchTerms {
  const trimmed = query.trim();
  if (!trimmed) return { words: [], phoneDigits: [] };
  const digits = digitsOf(trimmed);
  if (phoneLike.test(trimmed) && digits.length >= 3) {
    const alternatives = new Set([digits]);
    // "8 912..." and "+7 912..." are the same Russian number: also try it without the
    // trunk or country prefix, so either spelling finds the other.
    if (digits.length >= 10 && /^[78]/.test(digits)) alternatives.add(digits.slice(1));
    return { words: [], phoneDigits: [...alternatives] };
  }
  return { words: foldForSearch(trimmed).split(' '), phoneDigits: [] };
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
}

const controlCharacters = /\p{Cc}/gu;

/**
 * How a parsed query is answered: the trigram index where it can, LIKE for the rest (or
 * LIKE for everything with `useIndex: false`, the same answer found the slow way).
 */
export function planSearch(terms: SearchTerms, { useIndex = true } = {}): SearchPlan {
  const matches: string[] = [];
  const likeGroups: string[][] = [];
  for (const typed of terms.words) {
    // Control characters cannot be typed and would cut SQLite's LIKE pattern short (NUL
    // ends it): they are dropped, and a word made only of them matches no one.
    const word = typed.replace(controlCharacters, '');
    if (!word) return { match: null, likeGroups: [[]] };
    if (useIndex && isIndexable(word)) matches.push(ftsString(word));
    else likeGroups.push([likePattern(word)]);
  }
  if (terms.phoneDigits.length > 0) {
    if (useIndex && terms.phoneDigits.every(isIndexable)) {
      const alternatives = terms.phoneDigits.map(ftsString);
      matches.push(alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`);
    } else {
      likeGroups.push(terms.phoneDigits.map(likePattern));
    }
  }
  return { match: matches.length > 0 ? matches.join(' AND ') : null, likeGroups };
}
