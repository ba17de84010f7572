/**
 * Cards as UTF-8 bytes: CardWriter cleans, escapes, folds and encodes in one pass per
 * character (the rules of vcard-text.ts), with no string made per line or per card: a whole
 * export is one buffer, ready for the file (writeContactCardsUtf8). And REV, written without
 * a Date per card.
 */
import { CRLF } from './vcard-text';

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
      let code = text.charCodeAt(i);
      // U+2028 and U+2029 are line breaks to some readers (vdirsyncer): written as LF is.
      if (code >= 0x2028 && code <= 0x2029) code = 0x0a;
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
