/**
 * vCard 3.0 (RFC 2426, with RFC 4770's IMPP), written by hand because it is the hot path of
 * every export and the format every importer accepts (Android's stock importer refuses 4.0).
 *
 * The rules that importers are strict about: UTF-8 without a BOM; CRLF line ends; lines
 * folded at 75 octets (a continuation line starts with one space) without ever splitting a
 * UTF-8 character or an escape sequence; text escaped (\\ \, \; \n) so a hostile name
 * cannot start a new property or card; N and FN always present; every TEL typed (Android
 * files an untyped number as Home).
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
 *
 * Cards are written as UTF-8 bytes by CardWriter, which cleans, escapes, folds and encodes
 * in one pass per character, with no string made per line or per card: a whole export is
 * one buffer, ready for the file (writeContactCardsUtf8). writeVCard3 decodes one card.
 * escapeText and foldLine are the same rules on strings, for tests and for callers that
 * build lines themselves.
 */

export interface VCardPhone {
  /** The number as people read it: E.164 (or the cleaned text), `,` and the extension after it. */
  readonly number: string;
  /**
   * What is dialled before any pause: the E.164, or the cleaned text of a number that did
   * not parse (dial-numbers.ts). `number` when not given (a number without an extension).
   */
  readonly main?: string | undefined;
  /** vCard TYPE values: CELL, WORK, VOICE, FAX, HOME... */
  readonly types: readonly string[];
  /** E.164 (`+74951234567`) when the number parsed: vCard 4.0 writes a `tel:` URI from it. */
  readonly e164?: string | undefined;
  /** The extension's digits, if one was written (`tel:…;ext=123` in 4.0). */
  readonly extension?: string | undefined;
}

export interface VCardEmail {
  readonly address: string;
  readonly types: readonly string[];
}

/** The legacy messenger properties Android's importer (AOSP `VCardEntry`) reads. */
export type AndroidImProperty = 'X-SKYPE-USERNAME' | 'X-JABBER' | 'X-GOOGLE-TALK' | 'X-ICQ' | 'X-MSN';

/** One messenger handle, with every form the importers keep (see messengers.ts). */
export interface VCardMessenger {
  /** The service as people name it: `Telegram`, `Google Talk`, `Viber`, `Messenger`... */
  readonly label: string;
  /** The handle as the CRM has it, cleaned: one line, no control characters. */
  readonly handle: string;
  /** Apple's IMPP form, only for a well-formed handle: `X-SERVICE-TYPE` and a URI. */
  readonly impp?: { readonly serviceType: string; readonly uri: string } | undefined;
  /** Android's own property for the service, written as text. */
  readonly androidProperty?: AndroidImProperty | undefined;
  /** An https link that opens a chat anywhere: `https://t.me/handle`, `https://wa.me/79123456789`. */
  readonly url?: string | undefined;
}

export interface VCardContact {
  readonly uid: string;
  readonly formattedName: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly phones: readonly VCardPhone[];
  readonly emails: readonly VCardEmail[];
  /** ORG: the company. */
  readonly organization?: string | undefined;
  /** TITLE: the job title (the CRM's POSITION). */
  readonly title?: string | undefined;
  readonly messengers?: readonly VCardMessenger[] | undefined;
  readonly categories?: readonly string[] | undefined;
  /** Unix seconds of the CRM's last edit. */
  readonly revision?: number | undefined;
}

export const CRLF = '\r\n';
/** Short: it is on every card of a file of 100,000. */
export const prodId = '-//amo-phonebook//EN';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const uncleanChar = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const controlChars = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as it can be written: lone surrogates (judged in the text as given) replaced by
 * U+FFFD, line breaks as LF, TAB as a space, other control characters removed. Returns the
 * same string when nothing changes. CardWriter applies the same rules byte by byte.
 */
export function cleanText(value: string): string {
  if (!uncleanChar.test(value)) return value;
  return value
    .replace(loneSurrogate, '\uFFFD')
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

/**
 * Node's UTF-8 encoder into a buffer at an offset, returning the octets written: the
 * long-standing Buffer#utf8Write where it exists (Buffer#write parses its arguments and
 * the encoding's name on every call, which costs more than encoding a name).
 */
const nativeUtf8Write = (Buffer.prototype as { utf8Write?: (text: string, offset: number) => number }).utf8Write;
const encodeUtf8: (buffer: Buffer, text: string, offset: number) => number = nativeUtf8Write
  ? (buffer, text, offset) => nativeUtf8Write.call(buffer, text, offset)
  : (buffer, text, offset) => buffer.write(text, offset, 'utf8');

type Slice = (this: Buffer, start: number, end: number) => string;
const nativeSlices = Buffer.prototype as { utf8Slice?: Slice; latin1Slice?: Slice };
const { utf8Slice, latin1Slice } = nativeSlices;
/** Decoding without Buffer#toString's argument handling (again per card), where Node has it. */
const decodeUtf8: (buffer: Buffer, start: number, end: number) => string = utf8Slice
  ? (buffer, start, end) => utf8Slice.call(buffer, start, end)
  : (buffer, start, end) => buffer.toString('utf8', start, end);
const decodeLatin1: (buffer: Buffer, start: number, end: number) => string = latin1Slice
  ? (buffer, start, end) => latin1Slice.call(buffer, start, end)
  : (buffer, start, end) => buffer.toString('latin1', start, end);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what needs work
const needsWorkRaw = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what needs work
const needsWorkText = /[\\,;\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]/;
/** Values CardWriter.value can hand to the native encoder as they are, per Escape mode. */
const plainValue: readonly RegExp[] = [needsWorkRaw, needsWorkText];

/** How CardWriter.value treats a value. */
export const Escape = {
  /** URIs, TEL numbers, constants: nothing escaped; line breaks and controls dropped. */
  None: 0,
  /**
   * Text, in 3.0 and 4.0 alike, and a component of N or ORG: \\ \, \; \n (see the top of
   * this file for why `;` is escaped in 4.0 too).
   */
  Text: 1,
} as const;
export type Escape = (typeof Escape)[keyof typeof Escape];

/**
 * vCard lines as UTF-8 bytes in one growing buffer. Each value is cleaned, escaped, folded
 * at 75 octets (never inside a character or an escape) and encoded in a single pass per
 * character. Lines are `name(value)*` then `newline()`; writeRaw adds bytes that contain
 * their own line ends (the constant head of a card).
 */
export class CardWriter {
  private buffer: Buffer;
  private end = 0;
  /** Octets on the current physical line. */
  private line = 0;
  /** Nothing above 0x7f written since the last reset: decoding can skip UTF-8. */
  private ascii = true;

  constructor(capacity = 4096) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.end;
  }

  /** The bytes written so far (a view on the buffer, valid until the next write). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.end);
  }

  /** The text written since byte `start`, decoded. */
  textFrom(start: number): string {
    return this.ascii ? decodeLatin1(this.buffer, start, this.end) : decodeUtf8(this.buffer, start, this.end);
  }

  /** Forgets everything written (the buffer stays, for the next card). */
  reset(): void {
    this.end = 0;
    this.line = 0;
    this.ascii = true;
  }

  /** Bytes that hold whole lines (CRLF-ended, ASCII), copied as they are. */
  writeRaw(bytes: Uint8Array): void {
    const length = bytes.length;
    this.room(length);
    // A loop beats TypedArray#set for the few dozen bytes of a card's head.
    const buffer = this.buffer;
    let end = this.end;
    for (let i = 0; i < length; i++) buffer[end++] = bytes[i] as number;
    this.end = end;
    this.line = 0;
  }

  /** An ASCII constant (a property name, parameters, `:`), folded like any other text. */
  name(ascii: string): this {
    const length = ascii.length;
    this.room(length * 4 + 8);
    if (this.line + length <= 75) {
      const buffer = this.buffer;
      let end = this.end;
      for (let i = 0; i < length; i++) buffer[end++] = ascii.charCodeAt(i) & 0x7f;
      this.end = end;
      this.line += length;
      return this;
    }
    return this.value(ascii, Escape.None);
  }

  /**
   * A value: lone surrogates become U+FFFD, CR LF / CR / LF one line break (escaped as
   * `\n`, or dropped when nothing is escaped), TAB a space, other controls dropped.
   */
  value(text: string, mode: Escape): this {
    const length = text.length;
    // Worst case per unit: 3 octets, or 2 for an escape; plus a fold (3) every 73 octets.
    this.room(length * 4 + 8);
    // Most values need nothing done and fit on the line: encoded natively, then checked.
    if (length >= 12 && !(plainValue[mode] as RegExp).test(text)) {
      const written = encodeUtf8(this.buffer, text, this.end);
      if (this.line + written <= 75) {
        if (written !== length) this.ascii = false;
        this.end += written;
        this.line += written;
        return this;
      }
      // Too long for the line: written again below, folded, over the same bytes.
    }
    const buffer = this.buffer;
    let end = this.end;
    let line = this.line;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) {
        let byte = code;
        let escaped = false;
        if (code < 0x20 || code === 0x7f) {
          if (code === 0x0d || code === 0x0a) {
            if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
            if (mode === Escape.None) continue;
            byte = 0x6e; // \n
            escaped = true;
          } else if (code === 0x09) byte = 0x20;
          else continue;
        } else if (mode !== Escape.None && (code === 0x5c || code === 0x2c || code === 0x3b)) {
          escaped = true;
        }
        if (escaped) {
          if (line + 2 > 75) {
            buffer[end++] = 0x0d;
            buffer[end++] = 0x0a;
            buffer[end++] = 0x20;
            line = 1;
          }
          buffer[end++] = 0x5c;
          buffer[end++] = byte;
          line += 2;
        } else {
          if (line + 1 > 75) {
            buffer[end++] = 0x0d;
            buffer[end++] = 0x0a;
            buffer[end++] = 0x20;
            line = 1;
          }
          buffer[end++] = byte;
          line += 1;
        }
        continue;
      }
      if (code === 0x2028 || code === 0x2029) {
        // A Unicode line break: one line break like LF (escaped in text, dropped elsewhere).
        if (mode === Escape.None) continue;
        if (line + 2 > 75) {
          buffer[end++] = 0x0d;
          buffer[end++] = 0x0a;
          buffer[end++] = 0x20;
          line = 1;
        }
        buffer[end++] = 0x5c;
        buffer[end++] = 0x6e;
        line += 2;
        continue;
      }
      let point = code;
      let size: number;
      if (code < 0x800) {
        if (code <= 0x9f) continue; // C1 controls
        size = 2;
      } else if (code >= 0xd800 && code <= 0xdfff) {
        const next = code <= 0xdbff && i + 1 < length ? text.charCodeAt(i + 1) : 0;
        if (next >= 0xdc00 && next <= 0xdfff) {
          point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          size = 4;
          i++;
        } else {
          point = 0xfffd; // a lone surrogate
          size = 3;
        }
      } else size = 3;
      if (line + size > 75) {
        buffer[end++] = 0x0d;
        buffer[end++] = 0x0a;
        buffer[end++] = 0x20;
        line = 1;
      }
      this.ascii = false;
      if (size === 2) {
        buffer[end++] = 0xc0 | (point >> 6);
        buffer[end++] = 0x80 | (point & 0x3f);
      } else if (size === 3) {
        buffer[end++] = 0xe0 | (point >> 12);
        buffer[end++] = 0x80 | ((point >> 6) & 0x3f);
        buffer[end++] = 0x80 | (point & 0x3f);
      } else {
        buffer[end++] = 0xf0 | (point >> 18);
        buffer[end++] = 0x80 | ((point >> 12) & 0x3f);
        buffer[end++] = 0x80 | ((point >> 6) & 0x3f);
        buffer[end++] = 0x80 | (point & 0x3f);
      }
      line += size;
    }
    this.end = end;
    this.line = line;
    return this;
  }

  /**
   * The pause between a number and its extension (tel-form.ts), written byte for byte: it may
   * be the stored cards' control-character marker, which value() would remove. Folded
   * before it when the line is full, never inside it.
   */
  pause(ascii: string): this {
    const length = ascii.length;
    this.room(length + 3);
    const buffer = this.buffer;
    if (this.line + length > 75) {
      buffer[this.end++] = 0x0d;
      buffer[this.end++] = 0x0a;
      buffer[this.end++] = 0x20;
      this.line = 1;
    }
    for (let i = 0; i < length; i++) buffer[this.end++] = ascii.charCodeAt(i) & 0x7f;
    this.line += length;
    return this;
  }

  /** Two decimal digits (00-99) of a number, unfolded: for REV, whose line is short. */
  digits(value: number, count: 2 | 4): this {
    this.room(4);
    const buffer = this.buffer;
    if (count === 4) {
      buffer[this.end++] = 0x30 + (Math.floor(value / 1000) % 10);
      buffer[this.end++] = 0x30 + (Math.floor(value / 100) % 10);
    }
    buffer[this.end++] = 0x30 + (Math.floor(value / 10) % 10);
    buffer[this.end++] = 0x30 + (value % 10);
    this.line += count;
    return this;
  }

  /** Ends the logical line. */
  newline(): void {
    this.room(2);
    this.buffer[this.end++] = 0x0d;
    this.buffer[this.end++] = 0x0a;
    this.line = 0;
  }

  private room(bytes: number): void {
    if (this.end + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.end + bytes));
    this.buffer.copy(grown, 0, 0, this.end);
    this.buffer = grown;
  }
}

/** A REV worth writing: a real CRM time (after 1970, before 10000). */
export function hasRevision(revision: number | undefined): revision is number {
  return revision !== undefined && Number.isFinite(revision) && revision > 0 && revision < 253_402_300_800;
}

/**
 * REV, the UTC time of Unix `seconds` (proleptic Gregorian; Howard Hinnant's
 * days-to-civil, no Date per card): `2023-11-14T22:13:20Z` (3.0, ISO 8601 extended) or
 * `20231114T221320Z` (4.0, RFC 6350 basic format).
 */
export function writeRevision(writer: CardWriter, unixSeconds: number, extended: boolean): void {
  const seconds = Math.floor(unixSeconds);
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const dash = extended ? '-' : '';
  const colon = extended ? ':' : '';
  writer.name('REV:').digits(year, 4).name(dash).digits(month, 2).name(dash).digits(day, 2).name('T');
  writer.digits(Math.floor(secondOfDay / 3600), 2).name(colon);
  writer.digits(Math.floor((secondOfDay % 3600) / 60), 2).name(colon);
  writer.digits(secondOfDay % 60, 2).name('Z');
  writer.newline();
}

/** The REV value alone, as text. */
function stamp(unixSeconds: number, extended: boolean): string {
  const writer = new CardWriter(64);
  writeRevision(writer, unixSeconds, extended);
  return writer.textFrom(0).slice('REV:'.length, -CRLF.length);
}

/** vCard 3.0 REV: ISO 8601 extended, UTC (`2023-11-14T22:13:20Z`). */
export function revisionStamp3(unixSeconds: number): string {
  return stamp(unixSeconds, true);
}

/** vCard 4.0 REV: RFC 6350 timestamp, basic format, UTC (`20231114T221320Z`). */
export function revisionStamp4(unixSeconds: number): string {
  return stamp(unixSeconds, false);
}

/**
 * A property name and its TYPE parameter (`TEL;TYPE=WORK,VOICE:`), made once per types
 * array: the arrays card-from-mirror hands out are shared constants.
 */
export function prefixCache(name: string, param: (types: readonly string[]) => string) {
  const cache = new WeakMap<readonly string[], string>();
  return (types: readonly string[]): string => {
    let prefix = cache.get(types);
    if (prefix === undefined) {
      prefix = `${name}${param(types)}:`;
      cache.set(types, prefix);
    }
    return prefix;
  };
}

const telPrefix3 = prefixCache('TEL', typeParam);
const emailPrefix3 = prefixCache('EMAIL', typeParam);

/** CATEGORIES: each non-blank label escaped as `mode` says, separated by commas; nothing if none. */
export function writeCategories(writer: CardWriter, categories: readonly string[] | undefined, mode: Escape): void {
  if (!categories || categories.length === 0) return;
  let first = true;
  for (const category of categories) {
    // A blank label would be an empty category.
    if (!cleanText(category).trim()) continue;
    writer.name(first ? 'CATEGORIES:' : ',').value(category, mode);
    first = false;
  }
  if (!first) writer.newline();
}

/**
 * Which messengers also go into NOTE in vCard 3.0: those that some importer would lose. AOSP
 * keeps a messenger through its own property or a URL; iOS through IMPP or a URL. NOTE is
 * kept by all three (iOS, AOSP, Google Contacts), and it is plain escaped text.
 */
export function noteNeeded3(messenger: VCardMessenger): boolean {
  return !writableUrl(messenger) && !(messenger.androidProperty && writableImpp(messenger));
}

/** The NOTE text for messengers that need one: one `Label: handle` per line. */
export function messengerNote(
  messengers: readonly VCardMessenger[],
  needed: (messenger: VCardMessenger) => boolean,
): string {
  let note = '';
  for (const messenger of messengers) {
    if (!needed(messenger)) continue;
    note += `${note ? '\n' : ''}${messenger.label}: ${messenger.handle}`;
  }
  return note;
}

/** IMPP (with Apple's X-SERVICE-TYPE) and URL lines of one messenger, each only if safe. */
export function writeImppAndUrl(writer: CardWriter, messenger: VCardMessenger): void {
  const impp = writableImpp(messenger);
  if (impp) {
    const service = paramToken(impp.serviceType);
    writer.name(service ? `IMPP;X-SERVICE-TYPE=${service}:` : 'IMPP:').value(impp.uri, Escape.None);
    writer.newline();
  }
  const url = writableUrl(messenger);
  if (url) {
    writer.name('URL:').value(url, Escape.None);
    writer.newline();
  }
}

/** The lines every vCard 3.0 card opens with (constant: an export writes them per card). */
export const vcard3Head = Buffer.from(`BEGIN:VCARD${CRLF}VERSION:3.0${CRLF}PRODID:${prodId}${CRLF}`, 'utf8');
export const vcardTail = Buffer.from(`END:VCARD${CRLF}`, 'utf8');

/** Writes one vCard 3.0 card: head, body, CATEGORIES, REV, tail. */
export function writeVCard3To(writer: CardWriter, contact: VCardContact, pause: string): void {
  writer.writeRaw(vcard3Head);
  writeVCard3Body(writer, contact, pause);
  writeCategories(writer, contact.categories, Escape.Text);
  writeVCard3Revision(writer, contact);
  writer.writeRaw(vcardTail);
}

/**
 * The lines of a card from UID to NOTE: everything that depends on the contact alone and
 * not on the export (no head, no CATEGORIES label, no tail). The mirror stores these bytes
 * per contact (contact_cards); every line ends with CRLF and folds on its own, so they can
 * be copied between the head and the CATEGORIES line unchanged.
 */
export function writeVCard3Body(writer: CardWriter, contact: VCardContact, pause: string): void {
  writer.name('UID:').value(contact.uid, Escape.Text).newline();
  writer.name('N:').value(contact.familyName, Escape.Text).name(';').value(contact.givenName, Escape.Text);
  writer.name(';;;').newline();
  writer.name('FN:').value(contact.formattedName, Escape.Text).newline();
  if (contact.organization) writer.name('ORG:').value(contact.organization, Escape.Text).newline();
  if (contact.title) writer.name('TITLE:').value(contact.title, Escape.Text).newline();
  for (const phone of contact.phones) {
    writer.name(telPrefix3(phone.types)).value(phone.main ?? phone.number, Escape.None);
    if (phone.extension) writer.pause(pause).value(phone.extension, Escape.None);
    writer.newline();
  }
  for (const email of contact.emails) {
    writer.name(emailPrefix3(email.types)).value(email.address, Escape.Text).newline();
  }
  const messengers = contact.messengers;
  if (messengers && messengers.length > 0) {
    for (const messenger of messengers) {
      if (messenger.androidProperty) {
        writer.name(`${messenger.androidProperty}:`).value(messenger.handle, Escape.Text).newline();
      }
      writeImppAndUrl(writer, messenger);
    }
    const note = messengerNote(messengers, noteNeeded3);
    if (note) writer.name('NOTE:').value(note, Escape.Text).newline();
  }
}

/** The REV line of a vCard 3.0 card, if the contact has a real revision time. */
export function writeVCard3Revision(writer: CardWriter, contact: Pick<VCardContact, 'revision'>): void {
  if (hasRevision(contact.revision)) writeRevision(writer, contact.revision, true);
}

/** The writer behind the one-card functions: its buffer is reused from card to card. */
export const sharedWriter = new CardWriter();

/** One card as vCard 3.0 text, each extension after `pause` (tel-form.ts; `,` when not said). */
export function writeVCard3(contact: VCardContact, pause = ','): string {
  sharedWriter.reset();
  writeVCard3To(sharedWriter, contact, pause);
  return sharedWriter.textFrom(0);
}
