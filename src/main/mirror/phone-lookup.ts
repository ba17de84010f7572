/**
 * "Who is calling?": the contacts that have a phone number, however it was typed on
 * either side ("+7 912 345-67-89", "8 (912) 345 67 89", "89123456789", "9123456789",
 * with "доб. 12" or without).
 *
 * First the whole number: the query is read as E.164 with each connected account's
 * country as the default region (then with none, for "+..." numbers), and matched against
 * the phones' E.164 forms. Only if that finds no one, amoCRM's own fallback: the same last
 * seven digits, which also finds numbers stored without a city code or in a form that
 * does not parse. Both go through one index (migration 4), never a scan.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ContactListItem, PhoneLookupResult } from '../../shared/api/types';
import { digitsOf, normalizePhone, phoneRegion } from '../phones/normalize';
import { checkedListItems } from './contact-rows';
import { cachedStatement, listItemsOf } from './contacts-repo';
import type { MirrorDb } from './mirror-db';

/** More than this many contacts with one number is not an answer to "who is calling?". */
export const maxLookupMatches = 100;

/** The shortest and longest run of digits worth comparing by its last seven. */
const minTailDigits = 7;
/** E.164 allows 15 digits; one more for a trunk prefix typed in front. */
const maxTailDigits = 16;

export function lookupPhone(db: MirrorDb, phone: string): PhoneLookupResult {
  const query = phone;
  const candidates = e164Candidates(query, accountRegions(db));

  // Read with several regions, a number can have several E.164 forms: the one someone has
  // is the answer (and the one to show), else the reading with the first account's region.
  const found = candidates.length === 0 ? [] : matchingE164(db, candidates);
  const normalized = found[0] ?? candidates[0] ?? null;
  if (found.length > 0) {
    const matches = findContacts(
      db,
      `SELECT DISTINCT ch.account_id, ch.contact_id FROM json_each(?) AS q
       CROSS JOIN contact_channels ch ON ch.last7 = substr(q.value, -7) AND ch.normalized = q.value`,
      JSON.stringify(found),
    );
    return { query, normalized, matchedBy: 'e164', matches };
  }

  const tails = lastSevenCandidates(query, candidates);
  if (tails.length > 0) {
    const matches = findContacts(
      db,
      `SELECT DISTINCT ch.account_id, ch.contact_id FROM json_each(?) AS q
       CROSS JOIN contact_channels ch ON ch.last7 = q.value`,
      JSON.stringify(tails),
    );
    if (matches.length > 0) return { query, normalized, matchedBy: 'last7', matches };
  }
  return { query, normalized, matchedBy: 'none', matches: [] };
}

/** The E.164 forms, of those given and in their order, that some phone in the mirror has. */
function matchingE164(db: MirrorDb, candidates: readonly string[]): string[] {
  return cachedStatement(
    db,
    `SELECT q.value FROM json_each(?) AS q
     WHERE EXISTS (SELECT 1 FROM contact_channels ch WHERE ch.last7 = substr(q.value, -7) AND ch.normalized = q.value)`,
  )
    .pluck(true)
    .all(JSON.stringify(candidates)) as string[];
}

/** Each connected account's country, as a phone region, in account order; duplicates once. */
function accountRegions(db: MirrorDb): CountryCode[] {
  const countries = cachedStatement(db, 'SELECT country FROM accounts ORDER BY is_demo, name, id')
    .pluck(true)
    .all() as (string | null)[];
  const regions = new Set<CountryCode>();
  for (const country of countries) {
    const region = phoneRegion(country);
    if (region) regions.add(region);
  }
  return [...regions];
}

/** The query's E.164 forms: read with each account's region, then with none. */
export function e164Candidates(query: string, regions: readonly CountryCode[]): string[] {
  const found = new Set<string>();
  for (const region of [...regions, undefined]) {
    const e164 = normalizePhone(query, region).e164;
    if (e164) found.add(e164);
  }
  return [...found];
}

/**
 * The last seven digits to compare: of each E.164 form, and of the digits as typed (the
 * first run of digits and separators, so "доб. 12" or "ext. 5" does not count). Runs
 * shorter than seven digits, or too long to be one phone number, give nothing.
 */
export function lastSevenCandidates(query: string, e164s: readonly string[]): string[] {
  const tails = new Set<string>();
  for (const e164 of e164s) tails.add(digitsOf(e164).slice(-minTailDigits));
  const typed = digitsOf(/\d[\d\s()+\-./\u00a0]*/.exec(query)?.[0] ?? '');
  if (typed.length >= minTailDigits && typed.length <= maxTailDigits) tails.add(typed.slice(-minTailDigits));
  return [...tails].filter((tail) => tail.length === minTailDigits);
}

function findContacts(db: MirrorDb, keysSql: string, param: string): ContactListItem[] {
  return checkedListItems(
    cachedStatement(
      db,
      listItemsOf(
        `SELECT c.account_id, c.id FROM (${keysSql}) AS k
       CROSS JOIN contacts c ON c.account_id = k.account_id AND c.id = k.contact_id
       ORDER BY c.name = '', c.name COLLATE NOCASE, c.account_id, c.id LIMIT ${maxLookupMatches}`,
      ),
    ).all(param),
  );
}
