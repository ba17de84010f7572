/**
 * Search as people type: case-insensitive for every script (SQLite's own LIKE folds only
 * ASCII), "е" finds "ё", and a phone number matches however either side wrote it.
 */
import { digitsOf } from '../phones/normalize';

export function foldForSearch(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

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
