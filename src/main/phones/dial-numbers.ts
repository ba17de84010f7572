/**
 * The numbers a CRM phone field holds, as a phone must store them: each number on its own
 * (a field may hold several: "+7 495 947-11-73, +7 916 123-45-67"), in E.164, with its
 * extension apart ("доб. 562", "ext. 45", "#123", "x12", "вн. 7"), never glued to it.
 *
 * A field that libphonenumber cannot read is kept as written, cleaned to the characters a
 * TEL may hold on every importer: digits, a leading `+`, `*`, `#` and the separators
 * ` ( ) - .`. Letters go, because AOSP's importer turns a `p` into a pause and a `w` into a
 * wait ("call after 5pm" would dial a pause) and drops the rest; a vanity number
 * ("8-800-FLOWERS") is the one exception, its letters turned into the keypad's digits,
 * which is what both phones' dialers do with them.
 */
import {
  type CountryCode,
  findPhoneNumbersInText,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';

export interface DialNumber {
  /** E.164 (`+74959471173`), or null for a number that did not parse. */
  readonly e164: string | null;
  /** The extension's digits, or null. */
  readonly extension: string | null;
  /** What the phone dials before any pause: the E.164, or the cleaned text of an unparsed number. */
  readonly main: string;
}

/**
 * Extension words libphonenumber does not know (it reads "доб", "ext", "x", "#"): Russian
 * offices also write "вн." (внутренний) and "доп.". Rewritten to "доб." before parsing.
 */
const otherExtensionWords = /(?:^|[\s,(])(?:вн|внутр|доп)\.?\s*(?=\d)/giu;

/**
 * Text as libphonenumber should read it: `00` and `8 10` before a country code both mean
 * "international" in Russia, but libphonenumber with region RU reads `00 44 20…` as a
 * Russian number; the `+` says what the person meant.
 */
export function prepareForParsing(raw: string): string {
  return raw
    .replace(otherExtensionWords, (match) => `${/^[\s,(]/.test(match) ? match[0] : ''}доб. `)
    .replace(/^\s*00\s*(?=[1-9])/, '+');
}

/** The region a number's E.164 belongs to, to read the rest of its field with (+7 -> RU). */
function regionOf(e164: string | null): CountryCode | undefined {
  if (!e164) return undefined;
  try {
    return parsePhoneNumberFromString(e164)?.country;
  } catch {
    return undefined;
  }
}

const keypad: Readonly<Record<string, string>> = {
  a: '2',
  b: '2',
  c: '2',
  d: '3',
  e: '3',
  f: '3',
  g: '4',
  h: '4',
  i: '4',
  j: '5',
  k: '5',
  l: '5',
  m: '6',
  n: '6',
  o: '6',
  p: '7',
  q: '7',
  r: '7',
  s: '7',
  t: '8',
  u: '8',
  v: '8',
  w: '9',
  x: '9',
  y: '9',
  z: '9',
};

/**
 * A vanity number: at least three digits, then Latin letters and digits only (once the
 * separators are gone), 7 to 15 in all: "8-800-FLOWERS", "1 800 GO FEDEX"; not "call after 5pm".
 */
const vanity = /^\+?\d{3,}[A-Za-z][0-9A-Za-z]*$/;

/**
 * The text of a number that did not parse, with only what a TEL may hold: digits, a leading
 * `+`, `*`, `#`, and single spaces, `(`, `)`, `-`, `.` between them. Empty when nothing is left.
 */
export function cleanUnparsedNumber(raw: string): string {
  const compact = raw.replace(/[\s().-]/g, '');
  let text = raw;
  if (vanity.test(compact) && compact.replace(/^\+/, '').length >= 7 && compact.replace(/^\+/, '').length <= 15) {
    text = raw.replace(/[A-Za-z]/g, (letter) => keypad[letter.toLowerCase()] ?? '');
  }
  const kept = text
    .replace(/[^0-9+*#() .-]/g, ' ')
    // A `+` counts only at the start: anywhere else it is not part of a number.
    .replace(/(?!^)\+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return /\d/.test(kept) ? kept.replace(/^[^0-9+*#(]+/, '').replace(/[^0-9*#)]+$/, '') : '';
}

/**
 * Every number of one CRM phone field, in the order written. `normalized` is the mirror's
 * E.164 of the field (parsed with the account's country): its country reads the rest.
 */
export function dialNumbersOf(value: string, normalized: string | null): DialNumber[] {
  const text = prepareForParsing(value);
  if (holdsOnlyThisNumber(text, normalized)) return [{ e164: normalized, extension: null, main: normalized }];
  const withExtension = plainExtension.exec(text);
  if (withExtension && holdsOnlyThisNumber(withExtension[1] as string, normalized)) {
    return [{ e164: normalized, extension: withExtension[2] as string, main: normalized }];
  }
  return scannedNumbersOf(value, normalized);
}

/**
 * dialNumbersOf without its shortcut for a field of one plain number: libphonenumber's scan
 * of the whole text. Exported for the test that holds the shortcut to the scan's answers.
 */
export function scannedNumbersOf(value: string, normalized: string | null): DialNumber[] {
  const text = prepareForParsing(value);
  const region = regionOf(normalized);
  let found: ReturnType<typeof findPhoneNumbersInText> = [];
  try {
    found = findPhoneNumbersInText(text, region ? { defaultCountry: region } : undefined);
  } catch {
    found = [];
  }
  const numbers: DialNumber[] = [];
  const seen = new Set<string>();
  for (const match of found) {
    const e164 = match.number.number;
    const extension = match.number.ext && /^\d{1,10}$/.test(match.number.ext) ? match.number.ext : null;
    const key = `${e164};${extension ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    numbers.push({ e164, extension, main: e164 });
  }
  if (numbers.length > 0) {
    // The mirror's own reading comes first when libphonenumber's scan missed it (a field it
    // parses whole but finds no number "in"), so the card always has the number lookups use.
    if (normalized && !numbers.some((number) => number.e164 === normalized)) {
      numbers.unshift({ e164: normalized, extension: extensionOf(text, region), main: normalized });
    }
    return numbers;
  }
  if (normalized) return [{ e164: normalized, extension: extensionOf(text, region), main: normalized }];
  const main = cleanUnparsedNumber(value);
  return main ? [{ e164: null, extension: null, main }] : [];
}

/**
 * The country calling codes (1 to 3 digits; none is the start of another, so an E.164 has
 * exactly one of them as its start), read from libphonenumber's metadata once.
 */
let callingCodes: ReadonlySet<string> | undefined;

function callingCodeOf(e164: string): string | undefined {
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  for (let length = 1; length <= 3; length++) {
    const code = e164.slice(1, 1 + length);
    if (callingCodes.has(code)) return code;
  }
  return undefined;
}

/** What may stand before a national number in a field of one number: `8`, `0`, `+7`, `8 10 7`. */
const longestPrefix = 4;

/**
 * Whether a field is one number and nothing more: only digits and the separators people type
 * between them (no extension word, no `,` `;` `/` between numbers, no letters), and its
 * digits are the mirror's E.164 national number with at most a short prefix before it (a
 * trunk `8`, a `+7`). Most fields are; for them the whole scan below (about 40 µs a field,
 * most of what rendering a stored card cost) would only find the same number again. Checked
 * against the scan over every generated sandbox number and odd ones (dial-numbers.test.ts).
 */
function holdsOnlyThisNumber(text: string, normalized: string | null): normalized is string {
  if (normalized === null || !plainNumber.test(text)) return false;
  const code = callingCodeOf(normalized);
  if (code === undefined) return false;
  const national = normalized.slice(1 + code.length);
  const digits = text.replace(/\D+/g, '');
  // Written with its `+`, the field must be this number exactly (not "+1 …" read as German).
  if (text.trimStart().startsWith('+')) return digits === code + national;
  return digits.endsWith(national) && digits.length - national.length <= longestPrefix && national.length >= 7;
}

/**
 * A plain number and its extension written the two ways CRM users write one ("доб. 562",
 * "ext. 45"; "вн." and "доп." are already "доб." here): the number, and the extension's digits.
 */
const plainExtension = /^(.*\d),?\s*(?:доб|ext)\.?\s*([1-9]\d{0,9})\s*$/iu;

/** Digits and the separators between them, a `+` only first. */
const plainNumber = /^\s*\+?[\d\s().-]+$/;

/** The extension of a field that parsed whole (libphonenumber's own reading). */
function extensionOf(text: string, region: CountryCode | undefined): string | null {
  try {
    const ext = parsePhoneNumberFromString(text, region)?.ext;
    return ext && /^\d{1,10}$/.test(ext) ? ext : null;
  } catch {
    return null;
  }
}
