/**
 * The text rules every card follows, on strings (CardWriter, card-writer.ts, applies the
 * same ones byte by byte). What importers are strict about: UTF-8 without a BOM; CRLF line
 * ends; lines folded at 75 octets (a continuation line starts with one space) without ever
 * splitting a UTF-8 character or an escape sequence; text escaped (\\ \, \; \n) so a
 * hostile name cannot start a new property or card.
 *
 * What happens to text that cannot be written (the documented normalisations), so that no
 * CRM value can start a line in any reader:
 * - a lone UTF-16 surrogate (a broken emoji) becomes U+FFFD;
 * - CRLF, CR, LF and the Unicode line and paragraph separators U+2028 and U+2029 (which
 *   Python's str.splitlines, hence vdirsyncer, breaks lines at) are one line break, written
 *   as `\n` in text and dropped from numbers and URIs;
 * - TAB becomes a space; every other control character (C0, DEL, C1: NEL, VT, FF, FS, GS,
 *   RS among them, all line breaks for some reader) is removed.
 *
 * `;` in a text value is escaped (`\;`) in 3.0 and 4.0 alike: RFC 2426 requires it, RFC 6350
 * allows it and says an escaped `;` is never a separator. Measured (tests/unit/readers):
 * AOSP, python-vobject, vdirsyncer and Perl Text::vCard read `\;` as `;`, while an unescaped
 * `;` in FN, TITLE, EMAIL or NOTE makes Text::vCard drop the whole value. ical.js (Thunderbird)
 * keeps the backslash (`Ann\; Test`) in FN, TITLE, EMAIL and NOTE: the one reader that
 * cannot, named in the README's table; it shows all the text, where the other choice loses it.
 */
import { wellFormed } from '../lib/well-formed';
import type { VCardMessenger } from './vcard-model';

export const CRLF = '\r\n';
/** Short: it is on every card of a file of 100,000. */
export const prodId = '-//amo-phonebook//EN';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const uncleanChar = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const controlChars = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/**
 * Text as it can be written: lone surrogates (judged in the text as given) replaced by
 * U+FFFD, line breaks as LF, TAB as a space, other control characters removed. Returns the
 * same string when nothing changes. CardWriter applies the same rules byte by byte.
 */
export function cleanText(value: string): string {
  if (!uncleanChar.test(value)) return value;
  return wellFormed(value)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(controlChars, '');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters need cleaning first
const needsEscape3 = /[\\,;\n\r\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/;

/** A vCard 3.0 text value (also one component of N or ORG, or one CATEGORIES item): \\ \, \; \n. */
export function escapeText(value: string): string {
  if (!needsEscape3.test(value)) return value;
  return cleanText(value).replace(/[\\,;\n]/g, escapeChar);
}

export function escapeChar(char: string): string {
  return char === '\n' ? '\\n' : `\\${char}`;
}

/** A TYPE parameter, restricted to the token characters the grammar allows. */
export function typeParam(types: readonly string[]): string {
  if (types.length === 0) return '';
  const joined = types.join(',');
  if (/^[A-Za-z0-9-]+(?:,[A-Za-z0-9-]+)*$/.test(joined)) return `;TYPE=${joined}`;
  const clean = types.map((type) => type.replace(/[^A-Za-z0-9-]/g, '')).filter(Boolean);
  return clean.length > 0 ? `;TYPE=${clean.join(',')}` : '';
}

/** A parameter value as a token (no quotes needed): letters, digits, `-`, `_`, `.`. */
export function paramToken(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '');
}

/**
 * A URI value (IMPP, URL) written only if it is printable ASCII with a scheme: URIs are not
 * text and are not escaped, so anything else is refused rather than mangled.
 */
export function isSafeUri(uri: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[!#-[\]-~]+$/.test(uri);
}

/** A URL property: an http(s) link only, printable ASCII (no `javascript:` or the like). */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[!#-[\]-~]+$/.test(url);
}

/** The IMPP a messenger will carry, if its URI is safe to write. */
export function writableImpp(messenger: VCardMessenger): VCardMessenger['impp'] {
  return messenger.impp && isSafeUri(messenger.impp.uri) ? messenger.impp : undefined;
}

/** The URL a messenger will carry, if it is safe to write. */
export function writableUrl(messenger: VCardMessenger): string | undefined {
  return messenger.url && isSafeUrl(messenger.url) ? messenger.url : undefined;
}

/** UTF-8 octets of `text` (a lone surrogate counts 3, as its U+FFFD replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 2 units and 4 octets: 2 each.
    bytes += code < 0x80 ? 1 : code < 0x800 || (isSurrogate(code) && isPair(text, i)) ? 2 : 3;
  }
  return bytes;
}

function isPair(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code <= 0xdbff ? isLowSurrogate(text.charCodeAt(i + 1)) : isHighSurrogate(text.charCodeAt(i - 1));
}

/**
 * Folds one logical line at 75 octets. Cuts fall only between code points, so a
 * multi-byte character never straddles a line break, and never inside an escape (`\n`
 * stays on one line) for readers that unescape before unfolding.
 */
export function foldLine(line: string): string {
  // Each UTF-16 unit is at most 3 octets: 25 units always fit.
  if (line.length <= 25 || (line.length <= 75 && utf8Length(line) <= 75)) return line;
  const length = line.length;
  let out = '';
  let start = 0;
  let bytes = 0;
  // True when the character before `i` is a backslash that opens an escape.
  let escapeOpen = false;
  for (let i = 0; i < length; ) {
    const code = line.charCodeAt(i);
    let units = 1;
    let size: number;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (isHighSurrogate(code) && i + 1 < length && isLowSurrogate(line.charCodeAt(i + 1))) {
      size = 4;
      units = 2;
    } else size = 3;
    if (bytes + size > 75) {
      const cut = escapeOpen ? i - 1 : i;
      out += `${line.slice(start, cut)}${CRLF} `;
      start = cut;
      bytes = 1 + (i - cut);
    }
    bytes += size;
    escapeOpen = code === 0x5c ? !escapeOpen : false;
    i += units;
  }
  return out + line.slice(start);
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
