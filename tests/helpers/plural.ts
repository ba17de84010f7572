/**
 * The noun a count takes, written out by hand for the tests (not through i18next, so the
 * window's plural rules are checked, not repeated): Russian 1 контакт, 2 контакта, 5 контактов
 * (11-14 take the "many" form), English 1 contact, 2 contacts. `formatted` is the number as
 * the window shows it ("1 912", "1,912").
 */
export function countIn(formatted: string): number {
  return Number(formatted.replace(/\D/g, ''));
}

export function ruNoun(formatted: string, one: string, few: string, many: string): string {
  const count = countIn(formatted);
  const tens = count % 100;
  const units = count % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

export function enNoun(formatted: string, one: string, other: string): string {
  return countIn(formatted) === 1 ? one : other;
}

/** "контакт", "контакта", "контактов" for the count. */
export const ruContacts = (formatted: string) => ruNoun(formatted, 'контакт', 'контакта', 'контактов');
/** "contact", "contacts" for the count. */
export const enContacts = (formatted: string) => enNoun(formatted, 'contact', 'contacts');
