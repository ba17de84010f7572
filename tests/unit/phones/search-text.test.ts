/** How a typed query becomes search terms. */
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../src/main/lib/fold-for-search';
import { likePattern, parseSearchQuery } from '../../../src/main/mirror/search-text';
import { normalizePhone, phoneRegion } from '../../../src/main/phones/normalize';

describe('search terms', () => {
  it('folds case in every script and ё to е', () => {
    expect(foldForSearch('  ФЁДОРОВ  Пётр ')).toBe('федоров петр');
    expect(foldForSearch('MÜLLER')).toBe('müller');
  });

  it('treats a number-looking query as phone digits, with and without the Russian prefix', () => {
    // A leading "+" or a trunk "8" written apart: the start of a number (a leading space).
    expect(parseSearchQuery('+7 (912) 345-67-89')).toEqual({ words: [], phoneDigits: [' 79123456789', '9123456789'] });
    expect(parseSearchQuery('8 912 345')).toEqual({ words: [], phoneDigits: [' 7912345'] });
    expect(parseSearchQuery('8(912)')).toEqual({ words: [], phoneDigits: [' 7912'] });
    // Digits alone: a fragment anywhere; with a leading 8 also the trunk form of +7.
    expect(parseSearchQuery('720-60')).toEqual({ words: [], phoneDigits: ['72060'] });
    expect(parseSearchQuery('8912345')).toEqual({ words: [], phoneDigits: ['8912345', ' 7912345'] });
    expect(parseSearchQuery('12')).toEqual({ words: ['12'], phoneDigits: [] });
    expect(parseSearchQuery('Иван 912')).toEqual({ words: ['иван', '912'], phoneDigits: [] });
    expect(parseSearchQuery('   ')).toEqual({ words: [], phoneDigits: [] });
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});

describe('normalizePhone', () => {
  it('reads the forms people type, extensions included', () => {
    const ru = phoneRegion('RU');
    expect(normalizePhone('8 (912) 345-67-89', ru).e164).toBe('+79123456789');
    expect(normalizePhone('89123456789', ru).e164).toBe('+79123456789');
    expect(normalizePhone('+7 (495) 123-45-67 доб. 123', ru)).toEqual({
      e164: '+74951234567',
      extension: '123',
      national: '4951234567',
    });
    expect(normalizePhone('n/a', ru).e164).toBeNull();
    expect(normalizePhone('12', ru).e164).toBeNull();
  });

  it('ignores an unknown or missing country', () => {
    expect(phoneRegion('XX')).toBeUndefined();
    expect(phoneRegion(null)).toBeUndefined();
    expect(phoneRegion('ru')).toBe('RU');
  });
});
